package io.rigshift.runner.training;

import io.rigshift.jobs.api.JobReporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress for the user on stdout: a live progress bar (epoch, loss, samples/s, ETA) on a
 * terminal, plain periodic lines otherwise (logs, CI, pipes).
 */
public final class ConsoleProgress implements JobReporter {

    private static final long PLAIN_LINE_EVERY_MILLIS = 5_000;

    private final PrintWriter out;
    private final boolean terminal;
    private final String device;
    private ProgressBar bar;
    private long total;
    private long startStep;
    private long startedAt;
    private long lastLineAt;
    private float lastLoss = Float.NaN;

    public ConsoleProgress(PrintWriter out, boolean terminal, String device) {
        this.out = out;
        this.terminal = terminal;
        this.device = device;
    }

    @Override
    public void trainingStarted(long startStep, long totalSteps, int stepsPerEpoch) {
        this.total = totalSteps;
        this.startStep = startStep;
        this.startedAt = System.currentTimeMillis();
        this.lastLineAt = startedAt;
        out.printf("training on %s: %d steps (%d per epoch)%s%n", device, totalSteps, stepsPerEpoch,
                startStep > 0 ? ", resuming at step " + startStep : "");
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.out))
                    .startsFrom(startStep, Duration.ZERO).showSpeed().build();
        }
    }

    @Override
    public void batchEnded(long step, int epoch, double loss, double samplesPerSecond) {
        lastLoss = (float) loss;
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format(" epoch %d loss %.4f %.0f samples/s", epoch + 1, loss, samplesPerSecond));
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastLineAt >= PLAIN_LINE_EVERY_MILLIS || step == total) {
            lastLineAt = now;
            double rate = (step - startStep) / Math.max(1e-3, (now - startedAt) / 1000.0);
            long etaSeconds = rate > 0 ? (long) ((total - step) / rate) : 0;
            out.printf("step %d/%d epoch %d loss %.4f %.1f steps/s %.0f samples/s eta %ds%n", step, total,
                    epoch + 1, loss, rate, samplesPerSecond, etaSeconds);
            out.flush();
        }
    }

    @Override
    public void checkpointWritten(long step, Path folder) {
        if (bar == null && step != total) {
            out.printf("checkpoint at step %d: %s%n", step, folder);
            out.flush();
        }
    }

    @Override
    public void warning(String message) {
        if (bar != null) {
            bar.pause();
        }
        out.println("warning: " + message);
        out.flush();
        if (bar != null) {
            bar.resume();
        }
    }

    @Override
    public void trainingEnded(long step) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    public float lastLoss() {
        return lastLoss;
    }
}
