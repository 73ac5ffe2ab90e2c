package io.rigshift.runner.metering;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

/** What a writer of reports, invoices or exports prints, as one string. */
final class Printed {

    private Printed() {
    }

    static String by(Consumer<PrintWriter> writer) {
        StringWriter out = new StringWriter();
        writer.accept(new PrintWriter(out));
        return out.toString();
    }
}
