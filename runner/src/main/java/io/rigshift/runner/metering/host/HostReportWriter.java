package io.rigshift.runner.metering.host;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rigshift.runner.metering.BillingFigures;
import io.rigshift.runner.metering.report.TableFormat;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.TextTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a {@link HostReport} as a table, CSV or JSON. */
public final class HostReportWriter {

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private HostReportWriter() {
    }

    public static void write(HostReport report, TableFormat format, PrintWriter out) {
        switch (format) {
            case table -> table(report, out);
            case csv -> csv(report, out);
            case json -> json(report, out);
        }
        out.flush();
    }

    private static void table(HostReport report, PrintWriter out) {
        out.println("Host utilisation, " + BillingFigures.utc(report.window().fromMs()) + " to "
                + BillingFigures.utc(report.endMs()) + " (UTC)");
        TextTable table = new TextTable("NODE", "MODEL", ">LEASED (DEVICE-H)", ">AVAILABLE (DEVICE-H)",
                ">IDLE (DEVICE-H)", ">UTILISATION %");
        for (HostReport.Row row : report.rows()) {
            table.row(row.node(), row.deviceModel(), BillingFigures.deviceHours(row.leasedMs()),
                    BillingFigures.deviceHours(row.availableMs()), BillingFigures.deviceHours(row.idleMs()),
                    BillingFigures.percent(row.leasedMs(), row.availableMs()));
        }
        table.print(out);
        if (report.rows().isEmpty()) {
            out.println("(no devices in the inventory and no GPU usage in the window)");
        }
    }

    private static void csv(HostReport report, PrintWriter out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSV);
            csv.printRecord("node", "model", "leased_device_hours", "available_device_hours", "idle_device_hours",
                    "utilisation_percent");
            for (HostReport.Row row : report.rows()) {
                csv.printRecord(row.node(), row.deviceModel(), BillingFigures.deviceHours(row.leasedMs()),
                        BillingFigures.deviceHours(row.availableMs()), BillingFigures.deviceHours(row.idleMs()),
                        BillingFigures.percent(row.leasedMs(), row.availableMs()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void json(HostReport report, PrintWriter out) {
        ObjectNode root = JsonOutput.objectNode();
        root.put("from", BillingFigures.utc(report.window().fromMs()));
        root.put("to", BillingFigures.utc(report.endMs()));
        ArrayNode rows = root.putArray("rows");
        for (HostReport.Row row : report.rows()) {
            ObjectNode node = rows.addObject();
            node.put("node", row.node());
            node.put("model", row.deviceModel());
            node.put("leasedDeviceHours", BillingFigures.deviceHours(row.leasedMs()));
            node.put("availableDeviceHours", BillingFigures.deviceHours(row.availableMs()));
            node.put("idleDeviceHours", BillingFigures.deviceHours(row.idleMs()));
            node.put("utilisationPercent", BillingFigures.percent(row.leasedMs(), row.availableMs()));
        }
        JsonOutput.print(out, root);
    }
}
