package io.rigshift.runner.metering.invoice;

/** How an invoice is written: text for people, CSV and JSON for tools, HTML to send. */
public enum InvoiceFormat {
    text,
    csv,
    json,
    html;

    /** The {@code --format} option's default, label and description, in the style every format option shares. */
    public static final String DEFAULT = "text";
    public static final String LABEL = "text|csv|json|html";
    public static final String DESCRIPTION = DEFAULT + " (default), csv, json or html.";
}
