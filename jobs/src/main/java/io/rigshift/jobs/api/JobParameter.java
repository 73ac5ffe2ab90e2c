package io.rigshift.jobs.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One parameter a job type takes: its name, kind, default (null: required, unless
 * {@link #optional()}), bounds for numbers or the allowed values for a choice, and a description.
 * Build with {@link #integer}, {@link #decimal}, {@link #text}, {@link #flag}, {@link #choice} or
 * {@link #path}, then {@code opt*}.
 */
public record JobParameter(String name, Kind kind, String defaultValue, boolean optional, Long min, Long max,
        List<String> choices, String description) {

    /** The kinds of value a parameter takes. */
    public enum Kind {
        INTEGER, DECIMAL, TEXT, FLAG, CHOICE, PATH
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public JobParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name + "' must match " + NAME.pattern());
        }
        choices = choices == null ? List.of() : List.copyOf(choices);
        description = description == null ? "" : description;
        if (defaultValue != null) {
            // A default must itself be valid, or the job type is broken.
            new JobParameter(name, kind, null, true, min, max, choices, description).parse(defaultValue);
        }
    }

    public static JobParameter integer(String name, String description) {
        return new JobParameter(name, Kind.INTEGER, null, false, null, null, null, description);
    }

    public static JobParameter decimal(String name, String description) {
        return new JobParameter(name, Kind.DECIMAL, null, false, null, null, null, description);
    }

    public static JobParameter text(String name, String description) {
        return new JobParameter(name, Kind.TEXT, null, false, null, null, null, description);
    }

    public static JobParameter flag(String name, String description) {
        return new JobParameter(name, Kind.FLAG, "false", false, null, null, null, description);
    }

    public static JobParameter path(String name, String description) {
        return new JobParameter(name, Kind.PATH, null, false, null, null, null, description);
    }

    public static JobParameter choice(String name, List<String> choices, String description) {
        return new JobParameter(name, Kind.CHOICE, null, false, null, null, choices, description);
    }

    public JobParameter optDefault(Object value) {
        return new JobParameter(name, kind, String.valueOf(value), optional, min, max, choices, description);
    }

    /** No value is fine: {@link JobArguments} then has none for it. */
    public JobParameter optOptional() {
        return new JobParameter(name, kind, defaultValue, true, min, max, choices, description);
    }

    /** Inclusive bounds of an INTEGER (or DECIMAL) parameter. */
    public JobParameter optRange(long minimum, long maximum) {
        return new JobParameter(name, kind, defaultValue, optional, minimum, maximum, choices, description);
    }

    public boolean required() {
        return defaultValue == null && !optional;
    }

    /** What is allowed, as the help and the errors say it. */
    public String allowed() {
        return switch (kind) {
            case INTEGER -> "an integer" + range();
            case DECIMAL -> "a number" + range();
            case TEXT -> "any text";
            case FLAG -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case PATH -> "a file or folder path";
        };
    }

    private String range() {
        if (min != null && max != null) {
            return " from " + min + " to " + max;
        }
        if (min != null) {
            return " of at least " + min;
        }
        return max != null ? " of at most " + max : "";
    }

    /**
     * Parses a value the user gave; throws {@link InvalidJobParameterException} naming this
     * parameter and what is allowed.
     */
    public Object parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String value = raw.strip();
        try {
            return switch (kind) {
                case INTEGER -> checkRange(Long.parseLong(value), raw);
                case DECIMAL -> {
                    double number = Double.parseDouble(value);
                    if (!Double.isFinite(number)) {
                        throw new NumberFormatException();
                    }
                    checkRange(number, raw);
                    yield number;
                }
                case TEXT -> raw;
                case FLAG -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> Boolean.TRUE;
                    case "false", "no", "0" -> Boolean.FALSE;
                    default -> throw invalid(raw);
                };
                case CHOICE -> {
                    if (!choices.contains(value)) {
                        throw invalid(raw);
                    }
                    yield value;
                }
                case PATH -> {
                    if (value.isEmpty() || value.indexOf('\0') >= 0) {
                        throw invalid(raw);
                    }
                    yield value;
                }
            };
        } catch (NumberFormatException e) {
            throw invalid(raw);
        }
    }

    private long checkRange(long value, String raw) {
        checkRange((double) value, raw);
        return value;
    }

    private void checkRange(double value, String raw) {
        if ((min != null && value < min) || (max != null && value > max)) {
            throw invalid(raw);
        }
    }

    private InvalidJobParameterException invalid(String raw) {
        return new InvalidJobParameterException("parameter " + name + "='" + raw + "' is not valid: expected "
                + allowed());
    }
}
