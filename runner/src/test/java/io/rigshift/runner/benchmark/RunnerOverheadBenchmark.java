package io.rigshift.runner.benchmark;

import io.rigshift.jobs.text3d.OccupancyTrainer;
import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import io.rigshift.jobs.api.JobReporter;
import io.rigshift.jobs.text3d.job.Text3dJobType;
import io.rigshift.runner.store.StoreRetry;
import io.rigshift.runner.training.RunEnvironment;
import io.rigshift.runner.training.RunReporter;
import io.rigshift.runner.training.StopSignal;
import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.runner.batch.JobLauncherContext;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.EngineSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Issue 2's benchmark: training steps/s of the Spring Batch train step next to a bare DJL loop of
 * the same model, data and batch, in this one process (alternating, so drift hits both), and the
 * wall time of the smoke job and of the read commands ({@code jobs}, {@code status}) as separate
 * JVMs of the built jar.
 *
 * <pre>
 * mvn -q -B -DskipTests package && mvn -q -B -o -pl runner test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -cp runner/target/test-classes:runner/target/classes:$(cat runner/target/bench.cp) io.rigshift.runner.benchmark.RunnerOverheadBenchmark
 * </pre>
 */
public final class RunnerOverheadBenchmark {

    private static final int SAMPLES = 4096;
    private static final int EPOCHS = 3;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("rigshift-bench");
        RigshiftHome home = new RigshiftHome(work.resolve("home")).ensureExists();
        EngineSetup.start(home);
        Text3dSettings settings = Text3dSettings.standard(42, EPOCHS, null, SAMPLES);
        List<Double> bare = new ArrayList<>();
        List<Double> batch = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            bare.add(bareLoop(settings));
            batch.add(springBatchTrainStep(home));
        }
        double bareBest = bare.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double batchBest = batch.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf("standard model, %d shapes, batch 64 x 128 points, %d steps per run, %d rounds%n",
                SAMPLES, SAMPLES / 64 * EPOCHS, ROUNDS);
        System.out.printf("bare DJL loop:           %s steps/s (best %.2f)%n", bare, bareBest);
        System.out.printf("Spring Batch train step: %s steps/s (best %.2f)%n", batch, batchBest);
        System.out.printf("runner overhead: %.2f%% (best vs best)%n", 100 * (1 - batchBest / bareBest));
        cliTimings(work);
    }

    /** Steps/s of the trainer alone. */
    private static double bareLoop(Text3dSettings settings) {
        Text3dWorkload workload = Text3dWorkload.procedural(settings);
        try (OccupancyTrainer trainer = OccupancyTrainer.of(workload, settings, DeviceAssignment.cpu())) {
            long started = System.nanoTime();
            while (!trainer.isFinished()) {
                trainer.step();
            }
            return trainer.totalSteps() / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** Steps/s of the train step inside the real job, from its first batch to its last. */
    private static double springBatchTrainStep(RigshiftHome home) throws Exception {
        StepClock clock = new StepClock();
        try (Store store = Store.open(home, Optional.empty())) {
            RunEnvironment environment = new RunEnvironment(new Text3dJobType(), home.root().resolve("jobs"),
                    DeviceAssignment::cpu, new RunReporter(clock, () -> { }, Clock.systemUTC()), new StopSignal(),
                    null, Clock.systemUTC(), new String[] {ai.djl.engine.Engine.getDjlVersion(),
                        ai.djl.engine.Engine.getInstance().getVersion()});
            JobExecution execution;
            try (JobLauncherContext context = JobLauncherContext.start(store, environment,
                    new StoreRetry(java.time.Duration.ofSeconds(30)))) {
                execution = context.operator().start(context.job(), new JobParametersBuilder()
                        .addString("tenant", "bench").addLong("seed", 42L).addString("param.smoke", "false")
                        .addString("param.epochs", Integer.toString(EPOCHS)).addString("param.samples",
                                Integer.toString(SAMPLES))
                        .addString("run.id", UUID.randomUUID().toString()).toJobParameters());
            }
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("benchmark job ended " + execution.getStatus());
            }
        }
        return (clock.lastStep - clock.firstStep) / ((clock.lastNanos - clock.firstNanos) / 1e9);
    }

    /** Times the batches the job reports (the first batch's end to the last batch's end). */
    private static final class StepClock implements JobReporter {
        long firstStep = -1;
        long lastStep;
        long firstNanos;
        long lastNanos;

        @Override
        public void batchEnded(long step, int epoch, double loss, double samplesPerSecond) {
            long now = System.nanoTime();
            if (firstStep < 0) {
                firstStep = step;
                firstNanos = now;
            }
            lastStep = step;
            lastNanos = now;
        }
    }

    /** Wall time of whole CLI processes, JVM start to exit. */
    private static void cliTimings(Path work) throws Exception {
        Path jar = Path.of("runner/target/rigshift.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            System.out.println("(no runner/target/rigshift.jar: build it to time the CLI)");
            return;
        }
        String home = work.resolve("cli-home").toString();
        System.out.printf("smoke job wall time: %.2f s%n", time(jar, "train", "--smoke", "--tenant", "demo", "--home", home));
        for (String command : new String[] {"jobs", "status"}) {
            List<String> times = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                times.add(String.format("%.2f", command.equals("jobs") ? time(jar, "jobs", "--home", home)
                        : time(jar, "status", "1", "--home", home)));
            }
            System.out.printf("%s wall time (5 runs): %s s%n", command, times);
        }
    }

    private static double time(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return ProcessTimes.secondsToExit(command);
    }
}
