package io.rigshift.runner.metering.invoice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rigshift.runner.metering.BillingFigures;
import io.rigshift.runner.metering.billing.Charge;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.TextTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Currency;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an {@link Invoice}. Every format is a pure function of the invoice (no clock, no locale,
 * fixed order), so a closed month's invoice is written the same bytes each time.
 */
public final class InvoiceWriter {

    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private InvoiceWriter() {
    }

    public static void write(Invoice invoice, InvoiceFormat format, PrintWriter out) {
        switch (format) {
            case text -> text(invoice, out);
            case csv -> csv(invoice, out);
            case json -> json(invoice, out);
            case html -> html(invoice, out);
        }
        out.flush();
    }

    private static String job(Charge line) {
        return line.jobExecutionId() == null ? "none" : line.jobExecutionId().toString();
    }

    private static String days(Charge line) {
        return line.firstDay().equals(line.lastDay()) ? line.firstDay().toString()
                : line.firstDay() + ".." + line.lastDay();
    }

    private static String price(Charge line, Currency currency) {
        return BillingFigures.unitPrice(line.unitPrice(), currency);
    }

    private static String runningMark(Charge line, Invoice invoice) {
        return invoice.provisional() && line.open() ? " *" : "";
    }

    private static void text(Invoice invoice, PrintWriter out) {
        Currency currency = invoice.currency();
        out.println("Invoice for " + invoice.tenant() + ", " + invoice.month() + " (UTC)");
        out.println("Billing period: " + BillingFigures.utc(invoice.period().fromMs()) + " to "
                + BillingFigures.utc(invoice.period().toMs()));
        out.println("Currency: " + currency.getCurrencyCode());
        if (invoice.provisional()) {
            out.println("Provisional: the month is not over; running usage (*) is counted up to now.");
        }
        invoice.notes().forEach(note -> out.println("Note: " + note));
        out.println();
        TextTable table = new TextTable("MODEL", "JOB", "DAYS", ">DEVICE-HOURS", ">UNIT PRICE", ">AMOUNT");
        for (Charge line : invoice.lines()) {
            table.row(line.deviceModel(), job(line), days(line), BillingFigures.deviceHours(line.deviceMs()),
                    price(line, currency), BillingFigures.money(line.amount(currency)) + runningMark(line, invoice));
        }
        table.row("TOTAL", "", "", BillingFigures.deviceHours(invoice.totalDeviceMs()), "",
                BillingFigures.money(invoice.total()));
        table.print(out);
    }

    private static void csv(Invoice invoice, PrintWriter out) {
        Currency currency = invoice.currency();
        try {
            CSVPrinter csv = new CSVPrinter(out, CSV);
            csv.printRecord("type", "tenant", "month", "model", "job", "first_day", "last_day", "device_ms",
                    "device_hours", "unit_price", "currency", "amount", "running");
            for (Charge line : invoice.lines()) {
                csv.printRecord("line", invoice.tenant(), invoice.month(), line.deviceModel(), job(line),
                        line.firstDay(), line.lastDay(), line.deviceMs(), BillingFigures.deviceHours(line.deviceMs()),
                        price(line, currency), currency.getCurrencyCode(),
                        BillingFigures.money(line.amount(currency)), invoice.provisional() && line.open());
            }
            csv.printRecord("total", invoice.tenant(), invoice.month(), "", "", "", "", invoice.totalDeviceMs(),
                    BillingFigures.deviceHours(invoice.totalDeviceMs()), "", currency.getCurrencyCode(),
                    BillingFigures.money(invoice.total()), invoice.provisional());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void json(Invoice invoice, PrintWriter out) {
        Currency currency = invoice.currency();
        ObjectNode root = JsonOutput.objectNode();
        root.put("tenant", invoice.tenant());
        root.put("month", invoice.month().toString());
        root.put("billingPeriodStart", BillingFigures.utc(invoice.period().fromMs()));
        root.put("billingPeriodEnd", BillingFigures.utc(invoice.period().toMs()));
        root.put("currency", currency.getCurrencyCode());
        root.put("provisional", invoice.provisional());
        ArrayNode lines = root.putArray("lines");
        for (Charge line : invoice.lines()) {
            ObjectNode node = lines.addObject();
            node.put("model", line.deviceModel());
            if (line.jobExecutionId() == null) {
                node.putNull("jobExecutionId");
            } else {
                node.put("jobExecutionId", line.jobExecutionId());
            }
            node.put("firstDay", line.firstDay().toString());
            node.put("lastDay", line.lastDay().toString());
            node.put("deviceMs", line.deviceMs());
            node.put("deviceHours", BillingFigures.deviceHours(line.deviceMs()));
            node.put("unitPrice", price(line, currency));
            node.put("amount", BillingFigures.money(line.amount(currency)));
            node.put("running", invoice.provisional() && line.open());
        }
        root.put("totalDeviceMs", invoice.totalDeviceMs());
        root.put("totalDeviceHours", BillingFigures.deviceHours(invoice.totalDeviceMs()));
        root.put("total", BillingFigures.money(invoice.total()));
        ArrayNode notes = root.putArray("notes");
        invoice.notes().forEach(notes::add);
        JsonOutput.print(out, root);
    }

    private static void html(Invoice invoice, PrintWriter out) {
        Currency currency = invoice.currency();
        String title = "Invoice for " + escape(invoice.tenant()) + ", " + invoice.month();
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>");
        out.println("<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                + "td,th{padding:4px 10px;border-bottom:1px solid #ccc}.n{text-align:right}</style></head><body>");
        out.println("<h1>" + title + " (UTC)</h1>");
        out.println("<p>Billing period: " + BillingFigures.utc(invoice.period().fromMs()) + " to "
                + BillingFigures.utc(invoice.period().toMs()) + ". Currency: " + currency.getCurrencyCode() + ".</p>");
        if (invoice.provisional()) {
            out.println("<p><strong>Provisional:</strong> the month is not over; running usage (*) is counted up to now.</p>");
        }
        invoice.notes().forEach(note -> out.println("<p>Note: " + escape(note) + "</p>"));
        out.println("<table>");
        out.println("<tr><th>Model</th><th>Job</th><th>Days</th><th class=\"n\">Device-hours</th>"
                + "<th class=\"n\">Unit price</th><th class=\"n\">Amount</th></tr>");
        for (Charge line : invoice.lines()) {
            out.println("<tr><td>" + escape(line.deviceModel()) + "</td><td>" + job(line) + "</td><td>" + days(line)
                    + "</td><td class=\"n\">" + BillingFigures.deviceHours(line.deviceMs()) + "</td><td class=\"n\">"
                    + price(line, currency) + "</td><td class=\"n\">" + BillingFigures.money(line.amount(currency))
                    + runningMark(line, invoice) + "</td></tr>");
        }
        out.println("<tr><th>Total</th><td></td><td></td><th class=\"n\">"
                + BillingFigures.deviceHours(invoice.totalDeviceMs()) + "</th><td></td><th class=\"n\">"
                + BillingFigures.money(invoice.total()) + " " + currency.getCurrencyCode() + "</th></tr>");
        out.println("</table></body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
