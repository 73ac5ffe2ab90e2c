package io.rigshift.runner.metering.invoice;

/** How an invoice is written: text for people, CSV and JSON for tools, HTML to send. */
public enum InvoiceFormat {
    text,
    csv,
    json,
    html
}
