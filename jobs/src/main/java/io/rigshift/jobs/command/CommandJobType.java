package io.rigshift.jobs.command;

import io.rigshift.jobs.api.JobArguments;
import io.rigshift.jobs.api.JobParameter;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.api.JobType;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code command} job type: runs any program ({@code python3 train.py --lr 3e-4}) on the
 * leased devices, with its checkpoint and artifact folders in the environment, its output in the
 * job's log, and its whole process group stopped when the job stops.
 */
public class CommandJobType implements JobType {

    public static final String NAME = "command";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Runs a program (a training script) on the leased devices; it resumes from $RIGSHIFT_CHECKPOINT_DIR";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(
                JobParameter.text(CommandInvocation.COMMAND,
                        "The program and its arguments as a JSON array, e.g. [\"python3\",\"train.py\",\"--lr\",\"3e-4\"]"),
                JobParameter.integer(CommandInvocation.STOP_GRACE,
                        "Seconds the program has to exit after SIGTERM before its process group is killed")
                        .optDefault(60).optRange(0, 86_400),
                JobParameter.text(CommandInvocation.ENV,
                        "Extra environment variables as a JSON object, e.g. {\"WANDB_MODE\":\"offline\"}")
                        .optOptional());
    }

    @Override
    public boolean needsEngine() {
        return false;
    }

    @Override
    public List<JobPhase> phases() {
        return List.of(new CommandPhase());
    }

    @Override
    public void validate(JobArguments arguments) {
        CommandInvocation.from(arguments);
    }

    /** The file the program's stdout and stderr go to, one per job, appended to on every restart. */
    public static Path logFile(Path jobFolder) {
        return io.rigshift.jobs.api.JobFiles.log(jobFolder);
    }
}
