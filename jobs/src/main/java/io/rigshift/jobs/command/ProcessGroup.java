package io.rigshift.jobs.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program started as the leader of its own process group, signalled as a whole so that the
 * program's children (data loader workers, a shell's background jobs) stop with it. Where the
 * group cannot be used (no {@code setsid}, no {@code /proc}), the leader and its descendants are
 * signalled one by one instead.
 */
public final class ProcessGroup {

    /** The two signals a group is sent: a request to stop, then the end. */
    public enum Signal {
        TERM, KILL
    }

    private static final Duration GROUP_SETUP_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REAP_TIMEOUT = Duration.ofSeconds(5);

    private final ProcessHandle leader;
    private final Process process;
    private final boolean leadsGroup;
    private final long groupId;

    private ProcessGroup(ProcessHandle leader, Process process, boolean leadsGroup, long groupId) {
        this.leader = leader;
        this.process = process;
        this.leadsGroup = leadsGroup;
        this.groupId = groupId;
    }

    /**
     * Starts the builder's command as a group leader through {@code setsid} and, where
     * {@code setpriv} is there, with a parent-death signal of SIGKILL so the program dies with
     * the JVM even when the JVM is SIGKILLed. PR_SET_PDEATHSIG fires when the <em>thread</em> that
     * spawned the child ends, so call this from a thread that lives as long as the program should
     * (the job's own thread), never from a short-lived pool thread.
     */
    public static ProcessGroup start(ProcessBuilder builder) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(builder.command());
        Optional<Path> setsid = onPath("setsid");
        Optional<Path> setpriv = onPath("setpriv");
        List<String> launched = new ArrayList<>();
        if (setsid.isPresent()) {
            // -w: should setsid ever have to fork, it still exits with the program's code.
            launched.addAll(List.of(setsid.get().toString(), "-w"));
            setpriv.ifPresent(p -> launched.addAll(List.of(p.toString(), "--pdeathsig", "KILL")));
            launched.add("--");
        }
        launched.addAll(argv);
        Process process = builder.command(launched).start();
        builder.command(argv);
        boolean leads = setsid.isPresent() && awaitOwnGroup(process.toHandle());
        return new ProcessGroup(process.toHandle(), process, leads, process.pid());
    }

    /**
     * The process with this pid if it is alive and started at {@code startedEpochMillis} (so not
     * another program that reused the pid): a group an earlier JVM left running.
     */
    public static Optional<ProcessGroup> find(long pid, long startedEpochMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == startedEpochMillis)
                .map(h -> new ProcessGroup(h, null, groupOf(h.pid()).orElse(-1) == h.pid(), h.pid()));
    }

    /**
     * What is left of group {@code groupId} once its leader is gone (the parent-death signal kills
     * only the leader): its live members, if one of them has {@code environmentEntry}
     * ({@code NAME=value}) in its environment, which proves the group is the one this job made and
     * not a newer one that reused the id. The first such member stands in for the leader.
     */
    public static Optional<ProcessGroup> orphaned(long groupId, String environmentEntry) {
        byte[] entry = (environmentEntry + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses()
                .filter(p -> groupOf(p.pid()).orElse(-1) == groupId)
                .filter(p -> environmentHolds(p.pid(), entry))
                .findFirst()
                .map(member -> new ProcessGroup(member, null, true, groupId));
    }

    public long pid() {
        return leader.pid();
    }

    /** When the leader started, in epoch milliseconds (what {@link #find} matches). */
    public long startedEpochMillis() {
        return leader.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    /** The process this JVM started, or null for a group found with {@link #find}. */
    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return leader.isAlive();
    }

    /** True when signals go to the whole group rather than to the leader's descendants. */
    public boolean leadsGroup() {
        return leadsGroup;
    }

    /**
     * Sends SIGTERM to the group, waits up to {@code grace} for the leader to exit, then sends
     * SIGKILL to whatever is left of the group. Returns whether the leader exited within the grace.
     */
    public boolean stop(Duration grace) throws InterruptedException {
        signal(Signal.TERM);
        boolean exited = awaitExit(grace);
        kill();
        if (!exited) {
            awaitExit(REAP_TIMEOUT);
        }
        return exited;
    }

    /**
     * Sends SIGKILL to the group and waits (up to a few seconds) until none of its members runs:
     * the signal is delivered asynchronously, and a job that ends must not leave a member holding
     * its devices or files for a moment after. Returns whether any process received the signal.
     */
    public boolean kill() throws InterruptedException {
        boolean any = signal(Signal.KILL);
        if (any && leadsGroup) {
            long deadline = System.nanoTime() + REAP_TIMEOUT.toNanos();
            while (hasLiveMembers() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        return any;
    }

    /** Sends the signal to the group; returns whether any process received it. */
    public boolean signal(Signal signal) {
        if (leadsGroup) {
            try {
                // kill(1) rather than a syscall: Java has no way to signal a process group.
                Process kill = new ProcessBuilder("kill", "-" + signal.name(), "--", "-" + groupId)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                    return true;
                }
            } catch (IOException e) {
                // No kill(1): signal what can still be found below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!leader.isAlive()) {
                return false;
            }
        }
        // Descendants first: once the leader is gone its children are reparented and out of reach.
        List<ProcessHandle> targets = new ArrayList<>(leader.descendants().toList());
        targets.add(0, leader);
        boolean any = false;
        for (ProcessHandle target : targets) {
            any |= signal == Signal.TERM ? target.destroy() : target.destroyForcibly();
        }
        return any;
    }

    /** Waits up to {@code timeout} for the leader to exit; returns whether it did. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        if (process != null) {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            leader.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for pid " + leader.pid(), e);
        }
    }

    /**
     * True when a process of the group still runs (zombies aside: a reparented child may wait
     * long for a reaper, and killing it again changes nothing). Only for a group leader.
     */
    public boolean hasLiveMembers() {
        return leadsGroup && ProcessHandle.allProcesses()
                .anyMatch(p -> groupOf(p.pid()).orElse(-1) == groupId);
    }

    /**
     * The process group of a live pid, from {@code /proc/PID/stat}; empty for a zombie, off Linux
     * or once it is gone.
     */
    static OptionalLong groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields[0].equals("Z") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Waits until the child has run setsid: a group signal sent before would miss it. A leader
     * that is already gone did get there (or never ran at all), and may have left its group behind.
     */
    private static boolean environmentHolds(long pid, byte[] entry) {
        try {
            byte[] environment = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            // Entries are NUL-terminated: match whole entries only, at the start or after a NUL.
            for (int at = 0; at + entry.length <= environment.length; at++) {
                if ((at == 0 || environment[at - 1] == 0)
                        && java.util.Arrays.equals(environment, at, at + entry.length, entry, 0, entry.length)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean awaitOwnGroup(ProcessHandle leader) throws InterruptedException {
        long deadline = System.nanoTime() + GROUP_SETUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong group = groupOf(leader.pid());
            if ((group.isPresent() && group.getAsLong() == leader.pid()) || !leader.isAlive()) {
                return true;
            }
            Thread.sleep(5);
        }
        return !leader.isAlive();
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
