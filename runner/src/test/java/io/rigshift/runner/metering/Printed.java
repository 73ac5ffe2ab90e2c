package io.rigshift.runner.metering;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;

/**
 * What a writer of reports, invoices or exports prints, as one string. The writer is buffered, as the
 * terminal's is, so output the writer forgets to flush is missing here too.
 */
final class Printed {

    private Printed() {
    }

    static String by(Consumer<PrintWriter> writer) {
        StringWriter out = new StringWriter();
        writer.accept(new PrintWriter(new BufferedWriter(out)));
        return out.toString();
    }
}
