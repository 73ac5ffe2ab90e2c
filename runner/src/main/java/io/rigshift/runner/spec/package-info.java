/**
 * Spec files for {@code rigshift train --spec job.yaml}: {@link io.rigshift.runner.spec.JobSpecReader}
 * reads one into a {@link io.rigshift.runner.spec.JobSpec}, every field optional so that the CLI's
 * flags can override it; errors are {@link io.rigshift.runner.spec.JobSpecException}s of one line,
 * {@code FILE:LINE: message}.
 */
package io.rigshift.runner.spec;
