package io.rigshift.jobs.api.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain aligned text table of every read command: a header row, then one row per item, each
 * column padded to its widest cell and two spaces between columns; numbers may be aligned right.
 */
public final class TextTable {

    private final String[] header;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** Column names; a name starting with {@code '>'} is a right-aligned column (the '>' is not printed). */
    public TextTable(String... columns) {
        header = new String[columns.length];
        rightAligned = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            rightAligned[i] = columns[i].startsWith(">");
            header[i] = rightAligned[i] ? columns[i].substring(1) : columns[i];
        }
    }

    /** Adds a row of one cell per column, each printed as {@link String#valueOf(Object)}. */
    public TextTable row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row needs " + header.length + " cells, got " + cells.length);
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Prints the header and the rows, with no trailing spaces, and flushes. */
    public void print(PrintWriter out) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        printRow(out, header, widths);
        for (String[] row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - cells[i].length());
            line.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.println(line.toString().stripTrailing());
    }

    public static String orDash(String value) {
        return value == null ? "-" : value;
    }

    public static String seconds(Long millis) {
        return millis == null ? "-" : String.format("%.1fs", millis / 1000.0);
    }
}
