package io.rigshift.runner.metering.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.metering.BillingFigures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Currency;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a {@link UsageReport} as a table, CSV or JSON. Costs are the rows' exact costs rounded for
 * display; the total is the exact total rounded, so it may differ from the sum of the displayed rows by
 * rounding. What is billed is the invoice (see {@code Charge}).
 */
public final class UsageReportWriter {

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private UsageReportWriter() {
    }

    /** Writes the report; {@code nowMs} names the end of a window open towards the future. */
    public static void write(UsageReport report, UsageFormat format, long nowMs, PrintWriter out) {
        switch (format) {
            case table -> table(report, nowMs, out);
            case csv -> csv(report, out);
            case json -> json(report, nowMs, out);
            case focus -> throw new IllegalArgumentException("FOCUS is written by FocusExport");
        }
        out.flush();
    }

    private static String from(UsageWindow window) {
        return window.fromMs() == 0 ? "the first record" : BillingFigures.utc(window.fromMs());
    }

    private static String to(UsageWindow window, long nowMs) {
        return window.isBoundedAbove() && window.toMs() <= nowMs ? BillingFigures.utc(window.toMs())
                : "now (" + BillingFigures.utc(nowMs) + ")";
    }

    private static void table(UsageReport report, long nowMs, PrintWriter out) {
        Currency currency = report.currency();
        out.println("Usage by " + report.grouping() + ", " + from(report.window()) + " to "
                + to(report.window(), nowMs) + " (UTC)");
        report.notes().forEach(note -> out.println("Note: " + note));
        TextTable table = new TextTable(report.grouping().name().toUpperCase(Locale.ROOT),
                ">DEVICE-HOURS", ">COST (" + currency.getCurrencyCode() + ")", "");
        for (UsageReport.Row row : report.rows()) {
            table.row(row.key(), BillingFigures.deviceHours(row.deviceMs()),
                    BillingFigures.money(row.cost(), currency), row.open() ? "running" : "");
        }
        table.row("TOTAL", BillingFigures.deviceHours(report.totalDeviceMs()),
                BillingFigures.money(report.totalCost(), currency), report.anyOpen() ? "running" : "");
        table.print(out);
        if (report.anyOpen()) {
            out.println("running: includes records still open, counted up to now");
        }
    }

    private static void csv(UsageReport report, PrintWriter out) {
        Currency currency = report.currency();
        try {
            CSVPrinter csv = new CSVPrinter(out, CSV);
            csv.printRecord(report.grouping().name(), "device_ms", "device_hours", "cost", "currency", "running");
            for (UsageReport.Row row : report.rows()) {
                csv.printRecord(row.key(), row.deviceMs(), BillingFigures.deviceHours(row.deviceMs()),
                        BillingFigures.money(row.cost(), currency), currency.getCurrencyCode(), row.open());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void json(UsageReport report, long nowMs, PrintWriter out) {
        Currency currency = report.currency();
        ObjectNode root = JsonOutput.objectNode();
        root.put("by", report.grouping().name());
        root.put("from", BillingFigures.utc(report.window().fromMs()));
        root.put("to", BillingFigures.utc(report.window().isBoundedAbove() ? report.window().toMs() : nowMs));
        root.put("currency", currency.getCurrencyCode());
        ArrayNode rows = root.putArray("rows");
        for (UsageReport.Row row : report.rows()) {
            ObjectNode node = rows.addObject();
            node.put("key", row.key());
            node.put("deviceMs", row.deviceMs());
            node.put("deviceHours", BillingFigures.deviceHours(row.deviceMs()));
            node.put("cost", BillingFigures.money(row.cost(), currency));
            node.put("running", row.open());
        }
        ObjectNode total = root.putObject("total");
        total.put("deviceMs", report.totalDeviceMs());
        total.put("deviceHours", BillingFigures.deviceHours(report.totalDeviceMs()));
        total.put("cost", BillingFigures.money(report.totalCost(), currency));
        total.put("running", report.anyOpen());
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        JsonOutput.print(out, root);
    }
}
