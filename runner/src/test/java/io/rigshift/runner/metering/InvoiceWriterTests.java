package io.rigshift.runner.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.metering.billing.Charge;
import io.rigshift.runner.metering.invoice.Invoice;
import io.rigshift.runner.metering.invoice.InvoiceFormat;
import io.rigshift.runner.metering.invoice.InvoiceWriter;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageWindow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every invoice format, written out in full: lines, total, the provisional mark and the notes. */
class InvoiceWriterTests {

    private static final Currency USD = Currency.getInstance("USD");
    private static final YearMonth OCTOBER = YearMonth.of(2025, 10);
    private static final LocalDate OCT_15 = LocalDate.parse("2025-10-15");
    private static final Rate A40 = new Rate("A40", new BigDecimal("1.1"), USD, LocalDate.parse("2025-10-01"),
            Optional.empty());
    private static final long END_OF_OCTOBER = UsageWindow.ofMonth(OCTOBER).toMs();

    /** acme: 8 A40-hours on Oct 15 and 10 h 1 s on Oct 16 (job 7), 30 min of cpu still running (no job). */
    private static Invoice invoice(long nowMs) {
        // In the query's order (runs without a job first); invoice lines go by model first.
        List<UsageSlice> usage = List.of(new UsageSlice("acme", null, null, "cpu", OCT_15.plusDays(1), 1_800_000, true),
                new UsageSlice("acme", 7L, null, "A40", OCT_15, 28_800_000, false),
                new UsageSlice("acme", 7L, null, "A40", OCT_15.plusDays(1), 36_001_000, false));
        return Invoice.of("acme", OCTOBER, usage, new RateCard(List.of(A40)), nowMs, List.of("paid <late> & \"in full\""));
    }

    private static String write(Invoice invoice, InvoiceFormat format) {
        return Printed.by(out -> InvoiceWriter.write(invoice, format, out));
    }

    @Test
    void theMonthIsProvisionalUntilItsLastMillisecondHasPassed() {
        assertThat(invoice(END_OF_OCTOBER - 1).provisional()).isTrue();
        assertThat(invoice(END_OF_OCTOBER).provisional()).isFalse();
        Invoice closed = invoice(END_OF_OCTOBER);
        assertThat(closed.totalDeviceMs()).isEqualTo(66_601_000L);
        // 18 h 1 s at 1.10 = 19.800305... -> 19.80; cpu unpriced
        assertThat(closed.total()).isEqualTo(new BigDecimal("19.80"));
        assertThat(closed.lines()).extracting(Charge::deviceModel).containsExactly("A40", "cpu");
        assertThat(closed.period()).isEqualTo(UsageWindow.ofMonth(OCTOBER));
    }

    @Test
    void textMarksRunningLinesOnlyWhileTheMonthIsProvisional() {
        assertThat(write(invoice(END_OF_OCTOBER - 1), InvoiceFormat.text)).isEqualTo("""
            Invoice for acme, 2025-10 (UTC)
            Billing period: 2025-10-01T00:00:00Z to 2025-11-01T00:00:00Z
            Currency: USD
            Provisional: the month is not over; running usage (*) is counted up to now.
            Note: paid <late> & "in full"

            MODEL  JOB   DAYS                    DEVICE-HOURS  UNIT PRICE  AMOUNT
            A40    7     2025-10-15..2025-10-16     18.000278        1.10   19.80
            cpu    none  2025-10-16                  0.500000        0.00  0.00 *
            TOTAL                                   18.500278               19.80
            """);
        assertThat(write(invoice(END_OF_OCTOBER), InvoiceFormat.text)).isEqualTo("""
            Invoice for acme, 2025-10 (UTC)
            Billing period: 2025-10-01T00:00:00Z to 2025-11-01T00:00:00Z
            Currency: USD
            Note: paid <late> & "in full"

            MODEL  JOB   DAYS                    DEVICE-HOURS  UNIT PRICE  AMOUNT
            A40    7     2025-10-15..2025-10-16     18.000278        1.10   19.80
            cpu    none  2025-10-16                  0.500000        0.00    0.00
            TOTAL                                   18.500278               19.80
            """);
    }

    @Test
    void csvHasOneRowPerLineAndTheTotal() {
        assertThat(write(invoice(END_OF_OCTOBER - 1), InvoiceFormat.csv)).isEqualTo("""
            type,tenant,month,model,job,first_day,last_day,device_ms,device_hours,unit_price,currency,amount,running
            line,acme,2025-10,A40,7,2025-10-15,2025-10-16,64801000,18.000278,1.10,USD,19.80,false
            line,acme,2025-10,cpu,none,2025-10-16,2025-10-16,1800000,0.500000,0.00,USD,0.00,true
            total,acme,2025-10,,,,,66601000,18.500278,,USD,19.80,true
            """);
    }

    @Test
    void jsonHasEveryFigureOfEveryLine() {
        assertThat(write(invoice(END_OF_OCTOBER - 1), InvoiceFormat.json)).isEqualTo("""
            {
              "tenant" : "acme",
              "month" : "2025-10",
              "billingPeriodStart" : "2025-10-01T00:00:00Z",
              "billingPeriodEnd" : "2025-11-01T00:00:00Z",
              "currency" : "USD",
              "provisional" : true,
              "lines" : [ {
                "model" : "A40",
                "jobExecutionId" : 7,
                "firstDay" : "2025-10-15",
                "lastDay" : "2025-10-16",
                "deviceMs" : 64801000,
                "deviceHours" : "18.000278",
                "unitPrice" : "1.10",
                "amount" : "19.80",
                "running" : false
              }, {
                "model" : "cpu",
                "jobExecutionId" : null,
                "firstDay" : "2025-10-16",
                "lastDay" : "2025-10-16",
                "deviceMs" : 1800000,
                "deviceHours" : "0.500000",
                "unitPrice" : "0.00",
                "amount" : "0.00",
                "running" : true
              } ],
              "totalDeviceMs" : 66601000,
              "totalDeviceHours" : "18.500278",
              "total" : "19.80",
              "notes" : [ "paid <late> & \\"in full\\"" ]
            }
            """);
    }

    @Test
    void htmlEscapesTheNotes() {
        assertThat(write(invoice(END_OF_OCTOBER - 1), InvoiceFormat.html)).isEqualTo("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Invoice for acme, 2025-10</title>
            <style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ccc}.n{text-align:right}</style></head><body>
            <h1>Invoice for acme, 2025-10 (UTC)</h1>
            <p>Billing period: 2025-10-01T00:00:00Z to 2025-11-01T00:00:00Z. Currency: USD.</p>
            <p><strong>Provisional:</strong> the month is not over; running usage (*) is counted up to now.</p>
            <p>Note: paid &lt;late&gt; &amp; &quot;in full&quot;</p>
            <table>
            <tr><th>Model</th><th>Job</th><th>Days</th><th class="n">Device-hours</th><th class="n">Unit price</th><th class="n">Amount</th></tr>
            <tr><td>A40</td><td>7</td><td>2025-10-15..2025-10-16</td><td class="n">18.000278</td><td class="n">1.10</td><td class="n">19.80</td></tr>
            <tr><td>cpu</td><td>none</td><td>2025-10-16</td><td class="n">0.500000</td><td class="n">0.00</td><td class="n">0.00 *</td></tr>
            <tr><th>Total</th><td></td><td></td><th class="n">18.500278</th><td></td><th class="n">19.80 USD</th></tr>
            </table></body></html>
            """);
    }
}
