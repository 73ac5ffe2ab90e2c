package io.rigshift.runner.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * The {@code rigshift} command: the entry point of every subcommand. Its scope is inherited, so every
 * subcommand answers {@code --help} and {@code --version} without saying so itself.
 */
@Command(name = "rigshift",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = RigshiftCommand.Version.class,
        description = "Runs tenants' training jobs on a hosted GPU pool: checkpoints, resumes, "
                + "falls back to CPU, and meters GPU time for billing.")
public class RigshiftCommand implements Runnable {

    /**
     * The built-in commands. They are not declared on the annotation: picocli would then build the
     * model of every command at each start, and {@link Cli} mounts only the one a command line names.
     */
    static final List<Class<?>> COMMANDS = List.of(
            TrainCommand.class,
            JobsCommand.class,
            StatusCommand.class,
            ResumeCommand.class,
            StopCommand.class,
            CheckpointsCommand.class,
            DatasetCommand.class,
            JobTypesCommand.class,
            LogsCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            SubmitCommand.class,
            io.rigshift.runner.pool.cli.AgentCommand.class,
            io.rigshift.runner.pool.cli.ControllerCommand.class,
            io.rigshift.runner.pool.cli.PoolWorkerCommand.class,
            io.rigshift.runner.pool.cli.NodesCommand.class,
            io.rigshift.runner.pool.cli.PoolCommand.class,
            io.rigshift.runner.pool.cli.QueueCommand.class,
            io.rigshift.runner.pool.cli.TenantCommand.class,
            io.rigshift.runner.metering.cli.RatesCommand.class,
            io.rigshift.runner.metering.cli.UsageCommand.class,
            io.rigshift.runner.metering.cli.InvoiceCommand.class,
            io.rigshift.runner.metering.cli.HostCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing command: expected one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Reads the version from the jar manifest; "development" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RigshiftCommand.class.getPackage().getImplementationVersion();
            return new String[] {"rigshift " + (version == null ? "development" : version)};
        }
    }
}
