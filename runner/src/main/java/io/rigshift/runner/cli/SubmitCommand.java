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
        return submitHere();
    }

    /** Writes the merged job as a spec and lets the API's launcher start {@code train} for it here. */
    private int submitHere() throws InterruptedException {
        java.util.Map<String, Object> body = specBody(specFile == null ? io.rigshift.runner.spec.JobSpec.empty(null)
                : new io.rigshift.runner.spec.JobSpecReader().read(specFile));
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
