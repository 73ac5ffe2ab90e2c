package io.rigshift.runner.cli;

import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds and runs the picocli command line with Rigshift's rules: bad input is one line on
 * stderr and exit 2, a failure is one line and exit 1, and stack traces go only to the log file
 * under the home.
 */
public final class Cli {

    /** The system property that names the log folder; read by {@link LogFileConfigurator}. */
    public static final String LOG_DIR_PROPERTY = "rigshift.logdir";

    private Cli() {
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** Runs the command line with the given stdout and stderr (used by tests) and returns its exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** The whole command line: every built-in command and every job type's commands. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments. When they name a built-in command, only that command is
     * mounted: building picocli's model of every command (and loading the job types for theirs) was
     * a third of a read command's start-up. Anything else (no command, an option, a job type's
     * command, a typo that deserves a suggestion) gets the whole tree.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine commandLine = new CommandLine(new RigshiftCommand());
        Class<?> named = args.length == 0 ? null : builtInCommand(args[0]);
        if (named != null) {
            commandLine.addSubcommand(new CommandLine(named));
        } else if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The version needs no command at all.
        } else {
            RigshiftCommand.COMMANDS.forEach(command -> commandLine.addSubcommand(new CommandLine(command)));
            addJobTypeCommands(commandLine);
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionStrategy(parseResult -> {
            configureLogging(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setParameterExceptionHandler((ex, unmatched) -> {
            String suggestion = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)" : "";
            ex.getCommandLine().getErr().println("rigshift: " + oneLine(ex.getMessage()) + suggestion);
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof CommandLine.ParameterException pe) {
                cmd.getErr().println("rigshift: " + oneLine(pe.getMessage()));
                return ExitCodes.USAGE;
            }
            if (ex instanceof io.rigshift.runner.pool.NoCapacityException noCapacity) {
                cmd.getErr().println("rigshift: " + oneLine(noCapacity.getMessage()));
                return ExitCodes.NO_CAPACITY;
            }
            if (ex instanceof UsageException || ex instanceof StoreException && ex.getCause() == null
                    || ex instanceof io.rigshift.jobs.api.InvalidJobParameterException
                    || ex instanceof io.rigshift.runner.pool.PoolRequestException
                    || ex instanceof io.rigshift.runner.metering.rates.RateConflictException
                    || ex instanceof io.rigshift.runner.api.ApiClient.ApiException
                    || ex instanceof io.rigshift.runner.spec.JobSpecException
                    || ex instanceof io.rigshift.runner.training.DeviceAllocation.AllocationException) {
                cmd.getErr().println("rigshift: " + oneLine(ex.getMessage()));
                return ExitCodes.USAGE;
            }
            Logger log = LoggerFactory.getLogger(Cli.class);
            log.error("command failed: {}", String.join(" ", parseResult.originalArgs()), ex);
            cmd.getErr().println("rigshift: " + oneLine(ex.getMessage() == null ? ex.toString() : ex.getMessage())
                    + " (details in " + System.getProperty(LOG_DIR_PROPERTY, "the log") + "/rigshift.log)");
            return ExitCodes.FAILED;
        });
        return commandLine;
    }

    private static Class<?> builtInCommand(String name) {
        for (Class<?> command : RigshiftCommand.COMMANDS) {
            CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
            if (annotation.name().equals(name) || java.util.Arrays.asList(annotation.aliases()).contains(name)) {
                return command;
            }
        }
        return null;
    }

    /**
     * Mounts the commands the built-in job types add (the sample's {@code evaluate} and
     * {@code predict}), each with the {@code --home}/{@code --db-url} options of every command; they
     * inherit the root's version like the commands declared on it.
     */
    private static void addJobTypeCommands(CommandLine root) {
        for (io.rigshift.jobs.api.JobType type : io.rigshift.runner.training.JobTypeCatalog.builtIn().types().all()) {
            HomeOptions home = new HomeOptions();
            for (Object command : type.commands(new JobFolders.Support(home))) {
                CommandLine sub = new CommandLine(command);
                sub.getCommandSpec().addMixin("home", CommandLine.Model.CommandSpec.forAnnotatedObject(home));
                root.addSubcommand(sub.getCommandName(), sub);
            }
        }
    }

    /** Points the log file at the chosen home before anything logs. */
    private static void configureLogging(CommandLine.ParseResult parseResult) {
        Path home = null;
        CommandLine.ParseResult sub = parseResult;
        while (sub != null) {
            if (sub.hasMatchedOption("--home")) {
                home = sub.matchedOptionValue("--home", null);
            }
            sub = sub.subcommand();
        }
        RigshiftHome resolved = RigshiftHome.resolve(home, System.getenv());
        if (System.getProperty(LOG_DIR_PROPERTY) == null) {
            System.setProperty(LOG_DIR_PROPERTY, resolved.logs().toString());
        }
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        // A carriage return breaks the line as well: a value the user typed may carry one.
        int newline = message.indexOf('\n');
        int ret = message.indexOf('\r');
        int end = newline < 0 ? ret : ret < 0 ? newline : Math.min(newline, ret);
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
