package io.rigshift.jobs.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** The job types a class loader offers, found with {@link ServiceLoader}. */
public final class JobTypes {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, JobType> byName;

    private JobTypes(Map<String, JobType> byName) {
        this.byName = byName;
    }

    /** Every job type the class loader's {@code META-INF/services} declares. */
    public static JobTypes load(ClassLoader loader) {
        Map<String, JobType> found = new LinkedHashMap<>();
        try {
            for (JobType type : ServiceLoader.load(JobType.class, loader)) {
                if (!NAME.matcher(type.name()).matches()) {
                    throw new IllegalStateException("job type " + type.getClass().getName() + " has an invalid name '"
                            + type.name() + "': expected " + NAME.pattern());
                }
                JobType before = found.putIfAbsent(type.name(), type);
                if (before != null && before.getClass() != type.getClass()) {
                    throw new IllegalStateException("two job types are named " + type.name() + ": "
                            + before.getClass().getName() + " and " + type.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load job types: " + e.getMessage(), e);
        }
        return new JobTypes(found);
    }

    /** The job type of that name; throws {@link InvalidJobParameterException} listing the known ones. */
    public JobType require(String name) {
        JobType type = byName.get(name);
        if (type == null) {
            throw new InvalidJobParameterException("--job '" + name + "' is not a known job type: expected one of "
                    + String.join(", ", byName.keySet()));
        }
        return type;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** All of them, by name. */
    public List<JobType> all() {
        List<JobType> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(JobType::name));
        return all;
    }
}
