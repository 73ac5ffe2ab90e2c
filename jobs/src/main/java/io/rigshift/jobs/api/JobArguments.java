package io.rigshift.jobs.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A job's parameters, checked against its type's declarations, with defaults filled in. Made with
 * {@link #resolve}; every value is parsed once, so reading one cannot fail for a bad value.
 */
public final class JobArguments {

    private final Map<String, Object> values;
    private final Map<String, String> raw;

    private JobArguments(Map<String, Object> values, Map<String, String> raw) {
        this.values = values;
        this.raw = raw;
    }

    /**
     * Checks what the user gave against the declared parameters: an unknown name, a bad value or a
     * missing required one throws {@link InvalidJobParameterException} naming it.
     */
    public static JobArguments resolve(String jobType, List<JobParameter> declared, Map<String, String> given) {
        Map<String, JobParameter> byName = new LinkedHashMap<>();
        declared.forEach(p -> byName.put(p.name(), p));
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                throw new InvalidJobParameterException("parameter '" + name + "' is not one of job type " + jobType
                        + "'s: " + (byName.isEmpty() ? "it takes none"
                                : String.join(", ", byName.keySet())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        for (JobParameter parameter : declared) {
            String value = given.containsKey(parameter.name()) ? given.get(parameter.name()) : parameter.defaultValue();
            if (value == null) {
                if (parameter.required()) {
                    throw new InvalidJobParameterException("parameter " + parameter.name() + " is required by job type "
                            + jobType + ": " + parameter.allowed() + " (--param " + parameter.name() + "=VALUE)");
                }
                continue;
            }
            values.put(parameter.name(), parameter.parse(value));
            raw.put(parameter.name(), value);
        }
        return new JobArguments(Collections.unmodifiableMap(values), Collections.unmodifiableMap(raw));
    }

    /** The values as given (or defaulted), as text: what the runner stores with the job. */
    public Map<String, String> asText() {
        return raw;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public long getLong(String name) {
        return ((Number) require(name)).longValue();
    }

    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean getFlag(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return require(name).toString();
    }

    public Optional<Long> optLong(String name) {
        return Optional.ofNullable((Number) values.get(name)).map(Number::longValue);
    }

    public Optional<String> optString(String name) {
        return Optional.ofNullable(values.get(name)).map(Object::toString);
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("parameter " + name + " has no value (declared optional without default?)");
        }
        return value;
    }

    @Override
    public String toString() {
        return raw.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
