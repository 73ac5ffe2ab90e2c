package io.rigshift.runner.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a lease, owns a usage record or runs a job execution: a host id, a pid and the
 * process's start time. The one identity every liveness check uses.
 *
 * <p>The host id names a pid space, not a host name: by default the kernel's boot id and the pid
 * namespace, so two processes compare pids only when the pids mean the same thing (same boot, same
 * container). Two containers that share a host name get different ids; a reboot gives a new one.
 * {@code RIGSHIFT_HOST_ID} (or {@code -Drigshift.host.id}) overrides it. The start time tells a
 * reused pid from the process that held it.
 *
 * @param startedAtMs the process's start, epoch ms; 0 when unknown (rows written before it was kept)
 */
public record ProcessIdentity(String hostId, long pid, long startedAtMs) {

    /** What a liveness check can say about a process. */
    public enum Liveness {
        /** It runs in this pid space with the recorded start time. */
        ALIVE,
        /** It ran in this pid space and is gone (or its pid now belongs to another process). */
        DEAD,
        /** Another host or container: only heartbeats can tell. */
        UNKNOWN
    }

    public static final String HOST_ID_ENV = "RIGSHIFT_HOST_ID";

    private static final ProcessIdentity CURRENT = new ProcessIdentity(localHostId(), ProcessHandle.current().pid(),
            startOf(ProcessHandle.current()).orElse(0L));

    public ProcessIdentity {
        Objects.requireNonNull(hostId, "hostId");
        if (hostId.isBlank() || hostId.length() > 255) {
            throw new IllegalArgumentException("host id must be 1-255 characters: '" + hostId + "'");
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
    }

    /** This JVM. */
    public static ProcessIdentity current() {
        return CURRENT;
    }

    /** Whether this process still runs, asked from this process's pid space. */
    public Liveness liveness() {
        if (!hostId.equals(CURRENT.hostId)) {
            return Liveness.UNKNOWN;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return Liveness.DEAD;
        }
        if (startedAtMs > 0) {
            Optional<Long> started = startOf(process.get());
            if (started.isPresent() && started.get() != startedAtMs) {
                return Liveness.DEAD;
            }
        }
        return Liveness.ALIVE;
    }

    /** True only when the process is known to be gone; a remote one is never known dead. */
    public boolean isKnownDead() {
        return liveness() == Liveness.DEAD;
    }

    /** The start time of a process, epoch ms, when the OS tells it. */
    public static Optional<Long> startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String localHostId() {
        String configured = System.getProperty("rigshift.host.id", System.getenv(HOST_ID_ENV));
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String boot = read(Path.of("/proc/sys/kernel/random/boot_id")).orElseGet(() -> "host-" + HostNames.local());
        String pidNamespace;
        try {
            pidNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            pidNamespace = "pid";
        }
        return boot + "/" + pidNamespace.replace("pid:", "").replace("[", "").replace("]", "");
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip()).filter(s -> !s.isEmpty());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return hostId + ":" + pid;
    }
}
