package io.rigshift.runner.cluster;

import io.rigshift.runner.cli.ChildRigshift;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The fault-injection suite (issue 13): a real pool on this machine (PostgreSQL and RabbitMQ on
 * loopback, an active and a standby controller, three simulated agents, each reaching the store and
 * the broker through a {@link TcpProxy} that can be cut), seeded training jobs (the same 480-step
 * job as the exact-resume tests), and each fault injected at a random moment of a job's training,
 * many times. Every trial checks that the job completed, bit-exact against an uninterrupted run of
 * the same seed; the work lost (the newest checkpoint at the fault minus the step it resumed from);
 * device-milliseconds billed against leased wall time, and overlapping usage records; leases left
 * open; and executions or steps left running or UNKNOWN. It prints one table row per fault.
 *
 * <p>Run: {@code java -cp runner/target/test-classes:runner/target/classes:$(cat runner/target/bench.cp)
 * io.rigshift.runner.cluster.FaultSuite [TRIALS] [SEED] [FAULT,...]} (default 20 trials of each
 * fault; the faults: worker, agent, controller, postgres, rabbitmq, cut-short, cut-long, corrupt, clock,
 * disk-full). disk-full mounts a 64 MiB tmpfs as the pool's shared folder (it needs root) and fills
 * it for three seconds at the fault, long enough for a checkpoint write to fail for want of space.
 */
public final class FaultSuite {

    private static final List<String> JOB = List.of("--smoke", "--tenant", "acme", "--seed", "7", "--samples", "480",
            "--epochs", "16", "--checkpoint-every", "20", "--keep", "2");
    private static final List<String> FAULTS = List.of("worker", "agent", "controller", "postgres", "rabbitmq",
            "cut-short", "cut-long", "corrupt", "clock", "disk-full");

    private final TestPool pool;
    private final Random random;
    private final byte[] reference;
    private final Map<String, TcpProxy[]> links = new LinkedHashMap<>();
    private final List<ChildRigshift> controllers = new ArrayList<>();

    private FaultSuite(TestPool pool, Random random, byte[] reference) {
        this.pool = pool;
        this.random = random;
        this.reference = reference;
    }

    /** What one fault's trials came to. */
    private static final class Row {
        int trials;
        int completed;
        int exact;
        int duringCheckpoint;
        long maxLost;
        long billedMs;
        long leasedMs;
        int overlaps;
        int openLeases;
        int unknown;
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 13;
        List<String> faults = args.length > 2 ? Arrays.asList(args[2].split(",")) : FAULTS;
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("rigshift-fault-suite");
        Path referenceHome = dir.resolve("reference");
        List<String> local = new ArrayList<>(List.of("train", "--device", "cpu", "--home", referenceHome.toString()));
        local.addAll(JOB);
        ChildRigshift uninterrupted = ChildRigshift.start(dir.resolve("logs"), "reference", TestPool.FAST,
                local.toArray(String[]::new));
        if (uninterrupted.waitFor(300) != 0) {
            throw new IllegalStateException("the reference run failed: " + uninterrupted.err());
        }
        byte[] reference = Files.readAllBytes(referenceHome.resolve("jobs/1/model/parameters.bin"));
        out.printf("fault suite: %d trials per fault, seed %d, node grace %d s, 3 agents, 2 controllers; "
                + "clock skew by %s%n", trials, seed, TestPool.GRACE_SECONDS,
                CLOCK_AHEAD.containsKey("LD_PRELOAD") ? "libfaketime" : "-Drigshift.fault.clock-skew-ms (no libfaketime)");
        out.println("| fault | trials | completed | resumed bit-exact | during a checkpoint write | work lost beyond "
                + "the last checkpoint (steps, max) | device-ms billed / leased | overlapping records | leases left "
                + "open | unknown state |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String fault : faults) {
            try (TestPool pool = TestPool.create(dir.resolve(fault))) {
                if (fault.equals("disk-full") && !mountSmallDisk(pool.shared())) {
                    out.println("| disk-full | not run: mounting a tmpfs needs root |");
                    continue;
                }
                FaultSuite suite = new FaultSuite(pool, new Random(seed), reference);
                Row row = suite.run(fault, trials);
                out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d / %d (%.1f %%) | %d | %d | %d |%n", fault,
                        row.trials, row.completed, row.exact, row.duringCheckpoint, row.maxLost, row.billedMs,
                        row.leasedMs, 100.0 * row.billedMs / Math.max(1, row.leasedMs), row.overlaps, row.openLeases,
                        row.unknown);
                out.flush();
                suite.close();
            } finally {
                if (fault.equals("disk-full")) {
                    run(true, "umount", "-l", dir.resolve(fault).resolve("shared").toString());
                }
            }
        }
        System.exit(0);
    }

    private Row run(String fault, int trials) throws Exception {
        controllers.add(pool.controller("controller-1"));
        pool.await(() -> controllers.get(0).out().contains("controller active"), 60, controllers.get(0));
        controllers.add(pool.controller("controller-2"));
        for (String node : List.of("a1", "a2", "a3")) {
            // clock: a1's clock runs 2 minutes ahead (libfaketime for the agent and its workers, when
            // installed: Debian's faketime); jobs land on a1 (first of the equally free nodes).
            startAgent(node, fault.equals("clock") && node.equals("a1") ? CLOCK_AHEAD : Map.of());
        }
        pool.awaitUp(controllers.get(0));
        Row row = new Row();
        for (int trial = 0; trial < trials; trial++) {
            trial(fault, row);
        }
        return row;
    }

    private static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

    /**
     * Two minutes ahead, for the whole process and its children. The monotonic clock moves with the
     * wall clock: left alone, libfaketime shifts the JVM's timed waits (on monotonic deadlines) by
     * the offset, and every one of them returns at once, spinning.
     */
    private static final Map<String, String> CLOCK_AHEAD = Files.isRegularFile(FAKETIME)
            ? Map.of("LD_PRELOAD", FAKETIME.toString(), "FAKETIME", "+120s")
            : Map.of("JAVA_TOOL_OPTIONS", "-Drigshift.fault.clock-skew-ms=120000");

    private void startAgent(String node) throws Exception {
        startAgent(node, Map.of());
    }

    private void startAgent(String node, Map<String, String> environment) throws Exception {
        TcpProxy[] link = links.get(node);
        if (link == null) {
            link = new TcpProxy[] {new TcpProxy(5432), new TcpProxy(5672)};
            links.put(node, link);
        }
        String db = pool.url().replace(":5432/", ":" + link[0].port() + "/");
        String broker = "amqp://guest:guest@127.0.0.1:" + link[1].port();
        ChildRigshift agent = pool.agentVia(node, 1, db, broker, environment);
        pool.await(() -> agent.out().contains("agent for node " + node + " up"), 60, agent);
    }

    private void trial(String fault, Row row) throws Exception {
        long id = pool.submit(JOB.toArray(String[]::new));
        long instance = pool.instanceOf(id);
        Path folder = pool.shared().resolve("jobs/" + instance);
        // Wait for training to run, then a random moment of it (480 steps take a few seconds here).
        // The first job on a node unpacks PyTorch (400 MB) into its fresh home first: minutes on a loaded machine.
        pool.await(() -> Files.exists(folder.resolve("checkpoints")), 300, null);
        if (fault.equals("worker") && row.trials % 4 == 3) {
            // Every fourth worker kill aims at a checkpoint being written (a write lasts milliseconds here).
            long until = System.nanoTime() + 5_000_000_000L;
            while (list(folder.resolve("checkpoints"), ".tmp-").isEmpty() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        } else {
            Thread.sleep(100 + random.nextInt(1800));
        }
        String node = pool.store().jdbc().queryForObject("SELECT node FROM pool_placement WHERE job_instance_id = ? "
                + "ORDER BY epoch DESC LIMIT 1", String.class, instance);
        boolean writing = !list(folder.resolve("checkpoints"), ".tmp-").isEmpty();
        long newestAtFault = newestStep(folder);
        try {
            inject(fault, node, folder);
        } catch (NoWorker missed) {
            // The job finished before the fault landed: not a trial; the next job tries again.
            pool.awaitStatus(id, "COMPLETED", 240);
            return;
        }
        pool.await(() -> pool.store().jdbc().queryForObject("SELECT 1", Integer.class) == 1, 60, null);
        row.trials++;
        if (fault.equals("disk-full")) {
            // Whether a write failed for want of space (the step's exit message says so).
            writing = pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s "
                    + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ? "
                    + "AND s.EXIT_MESSAGE LIKE '%No space left%'", Integer.class, instance) > 0;
        }
        if (writing) {
            row.duringCheckpoint++;
        }
        try {
            pool.awaitStatus(id, "COMPLETED", 240);
            row.completed++;
        } catch (AssertionError timedOut) {
            System.err.println("trial of " + fault + ": job " + id + " did not complete: " + timedOut.getMessage());
        }
        if (Arrays.equals(reference, readOrEmpty(folder.resolve("model/parameters.bin")))) {
            row.exact++;
        }
        String log = Files.exists(folder.resolve(NodeWorker.WORKER_LOG))
                ? Files.readString(folder.resolve(NodeWorker.WORKER_LOG)) : "";
        var resumed = java.util.regex.Pattern.compile("resuming at step (\\d+)").matcher(log);
        long resumedAt = -1;
        while (resumed.find()) {
            resumedAt = Long.parseLong(resumed.group(1));
        }
        if (resumedAt >= 0 && newestAtFault > resumedAt) {
            row.maxLost = Math.max(row.maxLost, newestAtFault - resumedAt);
        }
        // The manager ends the lease just after the job's status lands: give it a few seconds
        // (before the billing figures, which need the lease's end).
        try {
            pool.await(() -> pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM pool_lease "
                    + "WHERE released_at IS NULL", Integer.class) == 0, 10, null);
        } catch (AssertionError stillOpen) {
            row.openLeases += pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM pool_lease "
                    + "WHERE released_at IS NULL", Integer.class);
        }
        List<Map<String, Object>> records = pool.store().jdbc().queryForList("SELECT u.start_ms, u.end_ms, "
                + "u.device_count, u.last_heartbeat_ms, u.outcome, u.node, l.granted_at, l.released_at "
                + "FROM usage_record u JOIN pool_lease l ON l.id = u.lease_id "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = u.job_execution_id WHERE e.JOB_INSTANCE_ID = ? "
                + "ORDER BY u.start_ms", instance);
        long previousEnd = Long.MIN_VALUE;
        for (Map<String, Object> record : records) {
            long start = ((Number) record.get("start_ms")).longValue();
            Number end = (Number) record.get("end_ms");
            Number released = (Number) record.get("released_at");
            long count = ((Number) record.get("device_count")).longValue();
            if (end != null) {
                row.billedMs += (end.longValue() - start) * count;
            }
            if (released != null) {
                row.leasedMs += (released.longValue() - ((Number) record.get("granted_at")).longValue()) * count;
            }
            if (start < previousEnd) {
                row.overlaps++;
            }
            if (end != null && released != null && end.longValue() - start
                    > released.longValue() - ((Number) record.get("granted_at")).longValue()) {
                System.err.println("trial of job " + instance + ": billed beyond its lease: " + record);
            }
            previousEnd = end == null ? Long.MAX_VALUE : end.longValue();
        }
        row.unknown += pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? "
                + "AND STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')", Integer.class, instance)
                + pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
                + "ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ? AND s.STATUS IN ('STARTING', "
                + "'STARTED', 'STOPPING', 'UNKNOWN')", Integer.class, instance);
    }

    private void inject(String fault, String node, Path folder) throws Exception {
        ChildRigshift agent = pool.agentOf(node);
        switch (fault) {
            case "worker" -> worker(agent).destroyForcibly();
            case "corrupt" -> {
                ProcessHandle worker = worker(agent);
                worker.destroyForcibly();
                worker.onExit().get();
                List<Path> checkpoints = list(folder.resolve("checkpoints"), "step-");
                if (!checkpoints.isEmpty()) {
                    Path parameters = checkpoints.get(checkpoints.size() - 1).resolve("parameters.bin");
                    byte[] bytes = Files.readAllBytes(parameters);
                    bytes[bytes.length / 2] ^= 0x5a;
                    Files.write(parameters, bytes);
                }
            }
            case "agent" -> {
                agent.process().destroyForcibly();
                agent.process().waitFor();
                // A new agent for the node comes up once the node was declared lost, as an operator would restart it.
                pool.await(() -> pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM pool_agent WHERE node = ? "
                        + "AND lost_ms IS NOT NULL", Integer.class, node) == 1, 60, null);
                startAgent(node);
            }
            case "controller" -> {
                ChildRigshift active = controllers.stream()
                        .filter(c -> c.process().isAlive() && c.out().contains("controller active")).findFirst()
                        .orElseThrow();
                active.process().destroyForcibly();
                active.process().waitFor();
                controllers.remove(active);
                controllers.add(pool.controller("controller-" + System.nanoTime()));
            }
            case "postgres" -> {
                String cluster;
                try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
                    cluster = versions.map(v -> v.getFileName().toString()).sorted().findFirst().orElseThrow();
                }
                run("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart");
            }
            case "rabbitmq" -> {
                run("rabbitmqctl", "-q", "stop_app");
                run("rabbitmqctl", "-q", "start_app");
            }
            case "cut-short", "cut-long" -> {
                TcpProxy[] link = links.get(node);
                link[0].cut();
                link[1].cut();
                Thread.sleep(fault.equals("cut-short") ? TestPool.GRACE_SECONDS * 1000 / 3
                        : TestPool.GRACE_SECONDS * 1000 * 2);
                link[0].restore();
                link[1].restore();
            }
            case "disk-full" -> {
                Path filler = pool.shared().resolve("filler");
                fill(filler);
                Thread.sleep(3_000);
                Files.delete(filler);
            }
            case "clock" -> {
                // Nothing to do: a1's clock is off for the whole run; billing must not follow it.
            }
            default -> throw new IllegalArgumentException("unknown fault '" + fault + "': expected one of " + FAULTS);
        }
    }

    private static ProcessHandle worker(ChildRigshift agent) {
        return agent.process().toHandle().children().findFirst().orElseThrow(NoWorker::new);
    }

    /** The agent runs no worker at the moment of the fault (the job already ended). */
    private static final class NoWorker extends RuntimeException {
        NoWorker() {
            super("the agent runs no worker now");
        }
    }

    private static long newestStep(Path folder) {
        List<Path> checkpoints = list(folder.resolve("checkpoints"), "step-");
        return checkpoints.isEmpty() ? 0
                : Long.parseLong(checkpoints.get(checkpoints.size() - 1).getFileName().toString().substring(5));
    }

    private static List<Path> list(Path folder, String prefix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static byte[] readOrEmpty(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    private static void run(String... command) throws Exception {
        if (!run(false, command)) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static boolean run(boolean quiet, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        boolean ok = process.waitFor() == 0;
        if (!ok && !quiet) {
            System.err.println(String.join(" ", command) + ": " + said.strip());
        }
        return ok;
    }

    /** A 64 MiB tmpfs as the pool's shared folder (checkpoints, worker logs, models); false if it cannot. */
    private static boolean mountSmallDisk(Path shared) throws Exception {
        Files.createDirectories(shared);
        return run(false, "mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", shared.toString());
    }

    /** Writes {@code filler} until its disk is full. */
    private static void fill(Path filler) throws java.io.IOException {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (java.io.IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    private void close() throws java.io.IOException {
        for (TcpProxy[] link : links.values()) {
            link[0].close();
            link[1].close();
        }
    }
}
