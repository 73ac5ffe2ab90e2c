package io.rigshift.runner.cli;

import io.rigshift.jobs.api.JobFiles;
import io.rigshift.runner.batch.ExecutionLiveness;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.cluster.NodeWorker;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.RunKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rigshift logs JOB [--follow]}: what a command job's program wrote, over all its restarts. */
@Command(name = "logs",
        description = "Prints the output (stdout and stderr) of a job's program, every restart in turn. "
                + "With --follow, keeps printing what it writes until the job stops running.")
public class LogsCommand implements Callable<Integer> {

    /** How often --follow looks for new output and asks the job repository whether the job still runs. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    @Mixin
    HomeOptions homeOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job execution id, as listed by 'rigshift jobs'.")
    long jobId;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the job is no longer running.")
    boolean follow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var client = serverOptions.client();
        if (client.isPresent()) {
            return remote(client.get(), out);
        }
        try (Store store = homeOptions.openStoreForReading()) {
            JobRepository repository = JobRepositories.jdbc(store);
            JobExecution execution = ExecutionLookup.require(repository, jobId);
            // A pool job's folder is in the pool's shared folder, where its workers' output is too.
            String pooled = execution.getExecutionContext().getString(RunKeys.CONTEXT_JOB_FOLDER, null);
            Path folder = pooled != null && RunKeys.pooled(execution.getJobParameters())
                    ? Path.of(pooled) : homeOptions.home().jobFolder(execution.getJobInstance().getInstanceId());
            Path log = JobFiles.log(folder);
            if (!Files.isRegularFile(log) && Files.isRegularFile(folder.resolve(NodeWorker.WORKER_LOG))) {
                log = folder.resolve(NodeWorker.WORKER_LOG);
            }
            if (!Files.isRegularFile(log)) {
                throw new UsageException("job " + jobId + " has no log yet (" + log + ")");
            }
            try (LogReader reader = new LogReader(log, out)) {
                reader.printNew();
                while (follow && stillRunning(store, repository)) {
                    Thread.sleep(POLL_INTERVAL.toMillis());
                    reader.printNew();
                }
                // The program's last words may land between the last read and the job's end.
                reader.printNew();
                reader.finish();
            }
        }
        return ExitCodes.OK;
    }

    /** The same through the API: fetch from the last offset until the job no longer runs. */
    private int remote(io.rigshift.runner.api.ApiClient client, PrintWriter out) throws InterruptedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer pending = ByteBuffer.allocate(0);
        long offset = 0;
        boolean running = true;
        while (true) {
            byte[] chunk = client.getBytes("/api/v1/jobs/" + jobId + "/logs?from=" + offset);
            offset += chunk.length;
            ByteBuffer in = ByteBuffer.allocate(pending.remaining() + chunk.length).put(pending).put(chunk);
            in.flip();
            CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, chars, !running);
            chars.flip();
            out.append(chars);
            out.flush();
            pending = in.slice();
            if (!running) {
                return ExitCodes.OK;
            }
            if (chunk.length == 0) {
                if (!follow) {
                    running = false;
                    continue;
                }
                var job = client.get("/api/v1/jobs/" + jobId).path("job");
                String status = job.path("status").asText();
                running = (status.equals("STARTING") || status.equals("STARTED") || status.equals("STOPPING"))
                        && !job.path("stale").asBoolean();
                if (running) {
                    Thread.sleep(POLL_INTERVAL.toMillis());
                }
            }
        }
    }

    /**
     * Re-reads the execution: running and not stale. A runner that died (SIGKILL, a lost node)
     * leaves its execution STARTED for good; following it would never end.
     */
    private boolean stillRunning(Store store, JobRepository repository) {
        JobExecution given = ExecutionLookup.require(repository, jobId);
        // A pool job goes on in a new execution when it is recovered on another node: follow the newest.
        JobExecution execution = repository.getJobExecutions(given.getJobInstance()).stream()
                .max(java.util.Comparator.comparingLong(JobExecution::getId)).orElse(given);
        if (!execution.isRunning()) {
            // Between a failure and its recovery the pool job is queued again.
            return RunKeys.pooled(execution.getJobParameters())
                    && new io.rigshift.runner.cluster.Placements(store).job(execution.getJobInstance().getInstanceId())
                            .map(job -> !io.rigshift.runner.cluster.Placements.ENDED.equals(job.state())).orElse(false);
        }
        Optional<String> stale = ExecutionLiveness.staleReason(execution, Clock.systemUTC());
        stale.ifPresent(reason -> {
            spec.commandLine().getErr().println("job " + jobId + " is stale (" + reason + "): no longer following");
            spec.commandLine().getErr().flush();
        });
        return stale.isEmpty();
    }

    /**
     * Reads the log from where it last stopped, decoding UTF-8 across reads so that a character
     * split between two polls prints whole.
     */
    private static final class LogReader implements AutoCloseable {

        private final FileChannel channel;
        private final PrintWriter out;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        private final CharBuffer chars = CharBuffer.allocate(64 * 1024);

        LogReader(Path log, PrintWriter out) throws IOException {
            this.channel = FileChannel.open(log, StandardOpenOption.READ);
            this.out = out;
        }

        /** Prints every byte written since the last call. */
        void printNew() throws IOException {
            while (channel.read(bytes) > 0) {
                bytes.flip();
                decode(false);
                bytes.compact();
            }
            out.flush();
        }

        /** Prints what is left of a character cut short at the end of the log. */
        void finish() {
            bytes.flip();
            decode(true);
            decoder.flush(chars);
            drain();
            out.flush();
        }

        private void decode(boolean endOfInput) {
            while (decoder.decode(bytes, chars, endOfInput).isOverflow()) {
                drain();
            }
            drain();
        }

        private void drain() {
            chars.flip();
            out.append(chars);
            chars.clear();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
