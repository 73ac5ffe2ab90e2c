package io.rigshift.runner.training;

import io.rigshift.jobs.text3d.job.Text3dJob;
import io.rigshift.jobs.training.TrainingObserver;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.metering.UsageOutcome;
import io.rigshift.runner.metering.UsageStart;
import io.rigshift.runner.pool.Lease;
import io.rigshift.runner.pool.LeaseHolder;
import io.rigshift.runner.pool.LeaseOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Meters one job execution: opens its usage record when the execution starts (lease devices, or
 * the CPU), extends the record and the lease at every checkpoint and at least every
 * {@link #HEARTBEAT_SECONDS} s, and closes both exactly once when the execution ends. A crash
 * leaves the record to end at its last heartbeat.
 */
public final class UsageMeter implements JobExecutionListener, TrainingObserver, AutoCloseable {

    static final long HEARTBEAT_SECONDS = 15;

    private final UsageLedger ledger;
    private final DeviceAllocation allocation;
    private final TrainingObserver delegate;
    private final Clock clock;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rigshift-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Long record;

    public UsageMeter(UsageLedger ledger, DeviceAllocation allocation, TrainingObserver delegate, Clock clock) {
        this.ledger = ledger;
        this.allocation = allocation;
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String tenant = execution.getJobParameters().getString(Text3dJob.TENANT);
        long now = clock.millis();
        UsageStart start = allocation.lease().map((Lease l) -> UsageStart.lease(tenant, execution.getId(), l.id(),
                l.node(), l.gpuModel(), l.deviceCount(), now))
                .orElseGet(() -> UsageStart.cpu(tenant, execution.getId(), LeaseHolder.localHostName(), now));
        record = ledger.open(start);
        heartbeats.scheduleAtFixedRate(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    private void heartbeat() {
        Long id = record;
        if (id != null) {
            ledger.heartbeat(id);
            allocation.heartbeat();
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        heartbeats.shutdownNow();
        BatchStatus status = execution.getStatus();
        Long id = record;
        if (id != null) {
            ledger.close(id, status == BatchStatus.COMPLETED ? UsageOutcome.COMPLETED
                    : status == BatchStatus.STOPPED ? UsageOutcome.STOPPED : UsageOutcome.FAILED);
        }
        allocation.release(status == BatchStatus.COMPLETED ? LeaseOutcome.COMPLETED
                : status == BatchStatus.STOPPED ? LeaseOutcome.STOPPED : LeaseOutcome.FAILED);
    }

    @Override
    public void trainingStarted(long startStep, long totalSteps, int stepsPerEpoch, String device) {
        delegate.trainingStarted(startStep, totalSteps, stepsPerEpoch, device);
    }

    @Override
    public void batchEnded(long step, int epoch, float loss, double samplesPerSecond) {
        delegate.batchEnded(step, epoch, loss, samplesPerSecond);
    }

    @Override
    public void checkpointWritten(long step, Path folder) {
        heartbeat();
        delegate.checkpointWritten(step, folder);
    }

    @Override
    public void warning(String message) {
        delegate.warning(message);
    }

    @Override
    public void trainingEnded(long step) {
        delegate.trainingEnded(step);
    }

    /** Stops heartbeats and gives the lease back if the job never ran (an error before start). */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        allocation.release(LeaseOutcome.FAILED);
    }
}
