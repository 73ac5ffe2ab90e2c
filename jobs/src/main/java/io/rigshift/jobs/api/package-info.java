/**
 * The job API: what a training job implements ({@link io.rigshift.jobs.api.JobType} and its
 * {@link io.rigshift.jobs.api.JobPhase}s) and what the runner gives it ({@link io.rigshift.jobs.api.JobContext}).
 *
 * <p>A job type declares its parameters and an ordered list of phases. The runner validates the
 * parameters before anything is leased, runs each phase as a Spring Batch step (a completed phase
 * is not rerun on resume), calls a phase chunk by chunk so that progress is committed and stop
 * requests are seen every few seconds, and owns leases, metering, heartbeats and the job
 * repository. Job types are found with {@link java.util.ServiceLoader} on the runner's class path
 * and on a tenant's job jar ({@code META-INF/services/io.rigshift.jobs.api.JobType}).
 */
package io.rigshift.jobs.api;
