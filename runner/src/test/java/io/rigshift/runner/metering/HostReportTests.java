package io.rigshift.runner.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.rigshift.runner.metering.host.DeviceInventory;
import io.rigshift.runner.metering.host.HostReport;
import io.rigshift.runner.metering.host.HostReportWriter;
import io.rigshift.runner.metering.report.TableFormat;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageWindow;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The host report: leased against available device time per node and model, in every format. */
class HostReportTests {

    private static final LocalDate OCT_15 = LocalDate.parse("2025-10-15");
    private static final long HOUR = 3_600_000L;
    private static final UsageWindow OCT_15_ONLY = UsageWindow.ofDays(Optional.of(OCT_15), Optional.of(OCT_15));

    /** node-b: 2 A40s all day, 3 L4s from noon; node-a: 1 H100 all day. Usage: A40 12 h, H100 6 h, cpu (left out). */
    private static HostReport report(long nowMs) {
        long midnight = OCT_15_ONLY.fromMs();
        DeviceInventory inventory = () -> List.of(new DeviceInventory.Entry("node-b", "L4", 3, midnight + 12 * HOUR),
                new DeviceInventory.Entry("node-b", "A40", 2, 0), new DeviceInventory.Entry("node-a", "H100", 1, 0));
        List<UsageSlice> usage = List.of(new UsageSlice(null, null, "node-b", "A40", OCT_15, 12 * HOUR, false),
                new UsageSlice(null, null, "node-a", "H100", OCT_15, 6 * HOUR, false),
                new UsageSlice(null, null, "node-a", "cpu", OCT_15, 9 * HOUR, false),
                new UsageSlice(null, null, "node-c", "A40", OCT_15, HOUR, false));
        return HostReport.of(OCT_15_ONLY, usage, inventory, nowMs);
    }

    private static String write(HostReport report, TableFormat format) {
        return Printed.by(out -> HostReportWriter.write(report, format, out));
    }

    @Test
    void inventoryCountsAreNeverNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeviceInventory.Entry("n", "A40", -1, 0))
                .withMessageContaining("-1");
        assertThat(new DeviceInventory.Entry("n", "A40", 0, 0).deviceCount()).isZero();
    }

    @Test
    void leasedTimeIsSetAgainstTheDevicesEachNodeOfferedInTheWindow() {
        long later = OCT_15_ONLY.toMs() + HOUR;
        // node-c is not in the inventory: its usage shows, with no capacity and no utilisation.
        assertThat(write(report(later), TableFormat.table)).isEqualTo("""
            Host utilisation, 2025-10-15T00:00:00Z to 2025-10-16T00:00:00Z (UTC)
            NODE    MODEL  LEASED (DEVICE-H)  AVAILABLE (DEVICE-H)  IDLE (DEVICE-H)  UTILISATION %
            node-a  H100            6.000000             24.000000        18.000000           25.0
            node-b  A40            12.000000             48.000000        36.000000           25.0
            node-b  L4              0.000000             36.000000        36.000000            0.0
            node-c  A40             1.000000              0.000000        -1.000000              -
            """);
        assertThat(write(report(later), TableFormat.json)).isEqualTo("""
            {
              "from" : "2025-10-15T00:00:00Z",
              "to" : "2025-10-16T00:00:00Z",
              "rows" : [ {
                "node" : "node-a",
                "model" : "H100",
                "leasedDeviceHours" : "6.000000",
                "availableDeviceHours" : "24.000000",
                "idleDeviceHours" : "18.000000",
                "utilisationPercent" : "25.0"
              }, {
                "node" : "node-b",
                "model" : "A40",
                "leasedDeviceHours" : "12.000000",
                "availableDeviceHours" : "48.000000",
                "idleDeviceHours" : "36.000000",
                "utilisationPercent" : "25.0"
              }, {
                "node" : "node-b",
                "model" : "L4",
                "leasedDeviceHours" : "0.000000",
                "availableDeviceHours" : "36.000000",
                "idleDeviceHours" : "36.000000",
                "utilisationPercent" : "0.0"
              }, {
                "node" : "node-c",
                "model" : "A40",
                "leasedDeviceHours" : "1.000000",
                "availableDeviceHours" : "0.000000",
                "idleDeviceHours" : "-1.000000",
                "utilisationPercent" : "-"
              } ]
            }
            """);
    }

    @Test
    void aWindowStillRunningEndsAtNow() {
        assertThat(write(report(OCT_15_ONLY.fromMs() + 18 * HOUR), TableFormat.csv)).isEqualTo("""
            node,model,leased_device_hours,available_device_hours,idle_device_hours,utilisation_percent
            node-a,H100,6.000000,18.000000,12.000000,33.3
            node-b,A40,12.000000,36.000000,24.000000,33.3
            node-b,L4,0.000000,18.000000,18.000000,0.0
            node-c,A40,1.000000,0.000000,-1.000000,-
            """);
        assertThat(write(report(OCT_15_ONLY.toMs() + HOUR), TableFormat.csv)).isEqualTo("""
            node,model,leased_device_hours,available_device_hours,idle_device_hours,utilisation_percent
            node-a,H100,6.000000,24.000000,18.000000,25.0
            node-b,A40,12.000000,48.000000,36.000000,25.0
            node-b,L4,0.000000,36.000000,36.000000,0.0
            node-c,A40,1.000000,0.000000,-1.000000,-
            """);
    }

    @Test
    void anEmptyReportSaysSo() {
        assertThat(write(HostReport.of(OCT_15_ONLY, List.of(), List::of, OCT_15_ONLY.toMs()), TableFormat.table))
                .isEqualTo("""
            Host utilisation, 2025-10-15T00:00:00Z to 2025-10-16T00:00:00Z (UTC)
            NODE  MODEL  LEASED (DEVICE-H)  AVAILABLE (DEVICE-H)  IDLE (DEVICE-H)  UTILISATION %
            (no devices in the inventory and no GPU usage in the window)
            """);
    }
}
