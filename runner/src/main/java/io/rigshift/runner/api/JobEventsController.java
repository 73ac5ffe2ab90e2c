package io.rigshift.runner.api;

import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.cli.ExecutionLookup;
import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.JobMetrics;
import io.rigshift.runner.training.RunKeys;
import io.rigshift.runner.training.RunReporter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/jobs/{id}/events}: server-sent events while a job runs: {@code loss} (the new
 * points since the last event), {@code status} (when it changes) and {@code end}. Authenticated like
 * every API call (a Bearer header: the dashboard reads the stream with fetch, since EventSource
 * cannot send headers, and a token never goes into a URL). The store is read once a second, for the
 * rows recorded since the last event only.
 */
@RestController
class JobEventsController {

    private static final long INTERVAL_MS = 1000;
    private static final long MAX_STREAM_MS = 6 * 60 * 60 * 1000L;

    private final Store store;
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "rigshift-job-events");
        thread.setDaemon(true);
        return thread;
    });

    JobEventsController(Store store) {
        this.store = store;
    }

    @GetMapping(value = "/api/v1/jobs/{id}/events", produces = "text/event-stream")
    SseEmitter events(@RequestAttribute(TokenFilter.CALLER) Caller caller, @PathVariable long id) {
        JobExecution execution = visible(caller, id);
        List<Long> executions = JobRepositories.jdbc(store).getJobExecutions(execution.getJobInstance()).stream()
                .map(JobExecution::getId).sorted().toList();
        SseEmitter emitter = new SseEmitter(MAX_STREAM_MS);
        long[] lastRecorded = {-1};
        java.util.Set<String> sentAtLast = new java.util.HashSet<>();
        AtomicReference<String> lastStatus = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable tick = () -> {
            try {
                List<Map<String, Object>> points = new java.util.ArrayList<>();
                long newest = lastRecorded[0];
                for (JobMetrics.Metric m : JobMetrics.history(store, executions, RunReporter.LOSS,
                        lastRecorded[0])) {
                    String key = m.jobExecutionId() + "/" + m.step() + "/" + m.recordedMs();
                    if (m.recordedMs() > lastRecorded[0]
                            || (m.recordedMs() == lastRecorded[0] && !sentAtLast.contains(key))) {
                        points.add(Map.of("execution", m.jobExecutionId(), "step", m.step(), "value", m.value()));
                        newest = Math.max(newest, m.recordedMs());
                    }
                }
                if (newest > lastRecorded[0]) {
                    sentAtLast.clear();
                    lastRecorded[0] = newest;
                }
                for (Map<String, Object> point : points) {
                    sentAtLast.add(point.get("execution") + "/" + point.get("step") + "/" + lastRecorded[0]);
                }
                if (!points.isEmpty()) {
                    emitter.send(SseEmitter.event().name("loss").data(points));
                }
                JobExecution now = JobRepositories.jdbc(store).getJobExecution(id);
                String status = now == null ? "UNKNOWN" : now.getStatus().name();
                if (!status.equals(lastStatus.getAndSet(status))) {
                    emitter.send(SseEmitter.event().name("status").data(Map.of("status", status)));
                }
                if (now == null || !now.isRunning()) {
                    emitter.send(SseEmitter.event().name("end").data(Map.of("status", status)));
                    emitter.complete();
                    cancel(task);
                }
            } catch (IOException | IllegalStateException clientGone) {
                cancel(task);
                emitter.completeWithError(clientGone);
            } catch (RuntimeException storeTrouble) {
                // The store is busy or away: the next tick tries again.
            }
        };
        task.set(ticks.scheduleWithFixedDelay(tick, 50, INTERVAL_MS, TimeUnit.MILLISECONDS));
        emitter.onCompletion(() -> cancel(task));
        emitter.onTimeout(() -> cancel(task));
        return emitter;
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> running = task.get();
        if (running != null) {
            running.cancel(false);
        }
    }

    private JobExecution visible(Caller caller, long id) {
        JobExecution execution;
        try {
            execution = ExecutionLookup.require(JobRepositories.jdbc(store), id);
        } catch (UsageException missing) {
            throw new ApiErrors.NotFound("no job " + id);
        }
        if (!caller.sees(execution.getJobParameters().getString(RunKeys.TENANT))) {
            throw new ApiErrors.NotFound("no job " + id);
        }
        return execution;
    }
}
