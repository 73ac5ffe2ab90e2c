package io.rigshift.runner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rigshift submit}: {@code train} that returns at once. With {@code --server} it is the API's
 * {@code POST /api/v1/jobs}; without, the job starts here in a process of its own and keeps running
 * after this command exits. Either way it prints the job's id.
 */
@Command(name = "submit", description = {"Starts a job and returns at once with its id: the same arguments and spec "
        + "file as 'train'. With --server the server runs it; without, it runs here in the background (its output "
        + "in HOME/logs/api-<run>.out). Follow it with 'rigshift logs ID --follow' or 'rigshift status ID'."})
public class SubmitCommand extends TrainCommand {

    @Override
    public Integer call() throws InterruptedException {
        if (serverOptions.client().isPresent()) {
            return super.call();
        }
        if (homeOptions.dbUrl().map(url -> url.startsWith("jdbc:postgresql:")).orElse(false)) {
            return submitToPool();
        }
        return submitHere();
    }

    /** Default restarts of a pool job: a lost node's jobs are recovered elsewhere this many times. */
    static final int POOL_DEFAULT_RESTARTS = 3;

    /**
     * On the pool's store (PostgreSQL): the job's first execution is created now and queued for the
     * pool's controller, which places it on a node's agent. Prints its id at once.
     */
    private int submitToPool() {
        io.rigshift.runner.spec.JobSpec file = readSpec();
        Resolved run = resolve(file);
        if (run.device() == io.rigshift.runner.training.DeviceChoice.cpu) {
            throw new UsageException("--device cpu: a pool job runs on a node's GPUs; leave it out, or run the job "
                    + "here with 'rigshift train'");
        }
        if (run.noWait()) {
            throw new UsageException("--no-wait does not apply to a pool job: it waits in the pool's queue");
        }
        int gpuCount = run.gpus() == null ? 1 : run.gpus();
        int restarts = maxRestarts != null || file.maxRestarts() != null ? run.maxRestarts() : POOL_DEFAULT_RESTARTS;
        long id;
        try (var store = homeOptions.openStore()) {
            id = io.rigshift.runner.cluster.PoolSubmission.submit(store, run.type().name(), run.parameters(),
                    run.tenant(), gpuCount, run.gpuModel(), restarts);
        }
        var out = spec.commandLine().getOut();
        out.println("job " + id + " queued in the pool (" + gpuCount + " GPU" + (gpuCount == 1 ? "" : "s")
                + "); follow it with: rigshift status " + id + ", rigshift logs " + id + " --follow");
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes the merged job as a spec and lets the API's launcher start {@code train} for it here. */
    private int submitHere() throws InterruptedException {
        java.util.Map<String, Object> body = specBody(readSpec());
        String tenantName = (String) body.get("tenant");
        if (tenantName == null) {
            throw new UsageException("missing required option --tenant");
        }
        String yaml;
        try {
            yaml = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var home = homeOptions.home().ensureExists();
        io.rigshift.runner.api.JobLauncher.Started started;
        try (var store = homeOptions.openStore()) {
            started = new io.rigshift.runner.api.JobLauncher(home, store, homeOptions.dbUrl()).train(yaml, tenantName,
                    60);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the job: " + e.getMessage(), e);
        }
        if (started.executionId() == null) {
            if (started.exitCode() == 2) {
                throw new UsageException(started.error());
            }
            throw new CommandLine.ExecutionException(spec.commandLine(), started.error());
        }
        spec.commandLine().getOut().println("job " + started.executionId() + " started; follow it with: rigshift logs "
                + started.executionId() + " --follow");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
