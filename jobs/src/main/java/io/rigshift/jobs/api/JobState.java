package io.rigshift.jobs.api;

import java.util.Optional;

/**
 * A job's small durable state (strings and numbers, not arrays: those go in checkpoints). Values
 * written by a phase are visible to the phases after it; the runner stores them in the job
 * repository after every call of {@link JobPhase#run}.
 */
public interface JobState {

    Optional<String> getString(String key);

    Optional<Long> getLong(String key);

    Optional<Double> getDouble(String key);

    void putString(String key, String value);

    void putLong(String key, long value);

    void putDouble(String key, double value);
}
