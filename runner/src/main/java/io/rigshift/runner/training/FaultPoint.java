package io.rigshift.runner.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A pause at a chosen batch, so fault-injection tests kill or stop a run at a known step instead
 * of after a guessed time. With {@code -Drigshift.fault.pause-after-step=N:FILE} the run, once
 * batch {@code N} has ended (before any checkpoint of that step is taken), writes {@code N} to
 * {@code FILE} and waits while the file exists: the test then SIGKILLs the process at exactly that
 * point, or deletes the file to let the run go on. It pauses once per process. Without the
 * property it costs one field read per batch.
 */
final class FaultPoint {

    static final String PROPERTY = "rigshift.fault.pause-after-step";

    private static final FaultPoint CONFIGURED = parse(System.getProperty(PROPERTY));

    private final long step;
    private final Path marker;
    private boolean paused;

    private FaultPoint(long step, Path marker) {
        this.step = step;
        this.marker = marker;
    }

    /** Pauses here when this process was asked to pause after {@code step}. */
    static void afterBatch(long step) {
        if (CONFIGURED != null) {
            CONFIGURED.reached(step);
        }
    }

    static FaultPoint parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(PROPERTY + "=" + value + ": expected STEP:FILE, e.g. 35:/tmp/paused");
        }
        try {
            return new FaultPoint(Long.parseLong(value.substring(0, colon)), Path.of(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + value + ": STEP must be a whole number", e);
        }
    }

    synchronized void reached(long batch) {
        if (paused || batch != step) {
            return;
        }
        paused = true;
        try {
            Path temporary = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(batch), StandardCharsets.UTF_8);
            Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE);
            while (Files.exists(marker)) {
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fault point " + marker + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
