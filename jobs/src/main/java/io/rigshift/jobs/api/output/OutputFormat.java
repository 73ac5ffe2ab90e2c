package io.rigshift.jobs.api.output;

/** How read commands print: an aligned table for people, or JSON of a stable shape for scripts. */
public enum OutputFormat {
    table,
    json
}
