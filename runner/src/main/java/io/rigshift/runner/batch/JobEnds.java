package io.rigshift.runner.batch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * What must be done before a job's end is stored. Spring Batch 6 stores an execution's end (its
 * status and end time) before it calls the job's {@code afterJob} ({@code AbstractJob.execute}:
 * {@code update}, {@code afterJob}, {@code update}), so whoever reads the store between the two sees
 * the job ended while its listener has not yet run. A usage record closed in {@code afterJob}
 * could be read open by a script that waited for the job's end; closed here, it cannot.
 *
 * <pre>{@code
 * ends.beforeEndStored(execution -> ledger.close(record, outcome)); // runs once per ended execution
 * JobRepository repository = ends.guard(delegate);                // update(JobExecution) calls it first
 * }</pre>
 *
 * <p>A hook must be idempotent: the same execution may be stored ended more than once (Spring
 * Batch stores it again after {@code afterJob}). What a hook throws is logged and the end is
 * stored all the same.
 */
public final class JobEnds {

    private static final Logger LOG = LoggerFactory.getLogger(JobEnds.class);

    private final List<Consumer<JobExecution>> hooks = new CopyOnWriteArrayList<>();

    /** Adds a hook, called with an execution that is about to be stored ended. */
    public void beforeEndStored(Consumer<JobExecution> hook) {
        hooks.add(hook);
    }

    /**
     * A repository whose {@code update(JobExecution)} of an ended execution (a status that is not
     * running, whether or not its end time is set yet) runs the hooks first.
     */
    public JobRepository guard(JobRepository repository) {
        ProxyFactory factory = new ProxyFactory(repository);
        factory.addInterface(JobRepository.class);
        factory.addAdvice((MethodInterceptor) invocation -> {
            if (invocation.getMethod().getName().equals("update") && invocation.getArguments().length == 1
                    && invocation.getArguments()[0] instanceof JobExecution execution
                    && !execution.getStatus().isRunning()) {
                for (Consumer<JobExecution> hook : hooks) {
                    try {
                        hook.accept(execution);
                    } catch (RuntimeException e) {
                        // The end is stored all the same: a job that ended must not show as running. What the
                        // hook left open its own sweeps close (stale usage records, expired leases).
                        LOG.error("before storing the end of job execution {}", execution.getId(), e);
                    }
                }
            }
            return invocation.proceed();
        });
        return (JobRepository) factory.getProxy(JobRepository.class.getClassLoader());
    }
}
