package io.rigshift.jobs.api;

import java.util.List;

/**
 * A kind of training job the runner can run: its name, its parameters and its phases. Found with
 * {@link java.util.ServiceLoader}; an implementation needs a public no-argument constructor and
 * keeps no state between runs (the runner may build one job type per process).
 */
public interface JobType {

    /** The name users type ({@code --job NAME}): 1-63 characters of a-z, 0-9 and '-'. */
    String name();

    /** One line for {@code rigshift job-types}. */
    String description();

    /** The parameters this job takes ({@code --param key=value}), with their defaults. */
    List<JobParameter> parameters();

    /**
     * The phases, in the order they run. Each becomes a Spring Batch step named after it: a phase
     * that completed is not run again when the job resumes.
     */
    List<JobPhase> phases();

    /**
     * Checks parameters together once each is valid on its own (one that only makes sense with
     * another, say). Throws {@link InvalidJobParameterException} naming the parameter.
     */
    default void validate(JobArguments arguments) {
    }

    /**
     * Whether the job trains with DJL in the runner's process (the runner then starts the engine
     * before the job); false for a job that runs another program.
     */
    default boolean needsEngine() {
        return true;
    }

    /** CLI commands this job type adds to {@code rigshift} (picocli command objects), if any. */
    default List<Object> commands(JobCommandSupport support) {
        return List.of();
    }
}
