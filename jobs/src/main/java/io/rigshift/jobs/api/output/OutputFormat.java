package io.rigshift.jobs.api.output;

/** How read commands print: an aligned table for people, or JSON of a stable shape for scripts. */
public enum OutputFormat {
    table,
    json;

    /** The {@code --format} option's default, label and description, in the style every format option shares. */
    public static final String DEFAULT = "table";
    public static final String LABEL = "table|json";
    public static final String DESCRIPTION = DEFAULT + " (default) or json.";
}
