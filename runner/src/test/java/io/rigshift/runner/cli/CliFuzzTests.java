package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Fuzzes the command line: random sets of real subcommands and their options with real and garbage values, against
 * a temporary home with no store. Every set exits 0, 1, 2 or 3 without a stack trace on stderr, and a usage error
 * (2) prints exactly one line starting with {@code rigshift: }. Sets that would start long work ({@code train},
 * {@code resume}, {@code submit}, {@code serve}, {@code agent} that parse fully) are discarded before they run,
 * so the suite stays fast.
 */
class CliFuzzTests {

    /** Commands that, once they parse, start work that runs on (a training, a server, an agent): never run here. */
    private static final Set<String> TRAINING = Set.of("train", "resume", "submit", "serve", "agent");
    /** The command tree, read once from the real command line: every path of subcommand names. */
    private static final List<List<String>> PATHS = paths(Cli.commandLine(), List.of());

    private Path root;
    private Path home;
    private String userHome;

    @BeforeEach
    void createHome() throws IOException {
        root = Files.createTempDirectory("cli-fuzz");
        home = root.resolve("home");
        Files.writeString(root.resolve("manifest.csv"), "caption,path\na cube,cube.obj\n");
        Files.writeString(root.resolve("job.yaml"), "tenant: acme\nseed: 3\n");
        // A set without --home falls back to ~/.rigshift: point it into the temporary folder as well.
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", root.resolve("user").toString());
    }

    @AfterEach
    void deleteHome() throws IOException {
        System.setProperty("user.home", userHome);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void everyArgumentSetExitsWithACodeOfTheContractAndOneLineForUsage(TestInfo test) {
        FuzzTries.run(test, 0xc11_0001L, 300, 20, CliFuzzTests::argumentSet, this::exitsWithACodeOfTheContract);
    }

    private void exitsWithACodeOfTheContract(List<String> set) {
        List<String> args = set.stream().map(arg -> arg.replace("{root}", root.toString())
                .replace("{home}", home.toString())).toList();
        FuzzTries.discardUnless(!startsATraining(args));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new)),
                () -> "a hang: " + args);

        String stderr = err.toString();
        assertTrue(code >= 0 && code <= 3, "exit " + code + " for " + args + ": " + stderr);
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception in thread"), "stack trace for " + args
                + ":\n" + stderr);
        if (code == ExitCodes.USAGE) {
            List<String> lines = stderr.lines().toList();
            assertEquals(1, lines.size(), "one line on stderr for " + args + ":\n" + stderr);
            assertTrue(lines.get(0).startsWith("rigshift: "), "for " + args + ": " + stderr);
        }
    }

    /** A path of subcommands, up to four of its options with values, up to two loose values, mostly --home. */
    static List<String> argumentSet(SplittableRandom random) {
        List<String> path = PATHS.get(random.nextInt(PATHS.size()));
        CommandSpec spec = spec(path);
        List<OptionSpec> options = spec.options();
        List<String> picked = new ArrayList<>();
        if (!options.isEmpty()) {
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                OptionSpec option = options.get(random.nextInt(options.size()));
                int name = random.nextInt(4);
                String value = value(random);
                String more = value(random);
                picked.add(option.names()[name % option.names().length]);
                if (java.nio.file.Path.class.equals(option.typeInfo().getType()) && !value.startsWith("{root}")
                        && !value.startsWith("/")) {
                    // A relative folder would be made in the checkout (the working directory): keep it in the temporary one.
                    value = "{root}/" + value;
                }
                if (option.arity().max() > 0 || !option.typeInfo().isBoolean()) {
                    picked.add(value);
                    if (option.arity().max() > 1) {
                        picked.add(more);
                    }
                }
            }
        }
        List<String> loose = new ArrayList<>();
        int looseCount = random.nextInt(3);
        for (int i = 0; i < looseCount; i++) {
            loose.add(value(random));
        }
        boolean homed = random.nextInt(4) != 0;
        int at = random.nextInt(9);

        List<String> args = new ArrayList<>(path);
        List<String> tail = new ArrayList<>(picked);
        tail.addAll(Math.min(at, tail.size()), loose);
        if (homed && spec.findOption("--home") != null) {
            args.add("--home");
            args.add("{home}");
        }
        args.addAll(tail);
        return args;
    }

    /** Well-formed values an option or parameter may get, and the garbage users type. */
    private static final List<String> VALUES = List.of("0", "1", "3", "-1", "42", "1000000000", "2147483647",
            "2147483648", "99999999999999999999", "1e3", "0.5", "abc", "", " ", "--", "-", "-x", "--nope",
            "@{root}/no-such-args", "=", "a=b", "A40", "acme", "text", "json", "table", "csv", "cpu", "gpu", "auto",
            "2026-01", "2026-13", "2026-01-01", "EUR", "12.50", "{root}", "{root}/manifest.csv", "{root}/job.yaml",
            "{root}/missing.csv", "{root}/new-folder", "/dev/null", "\u0000", "caf\u00e9", "a\nb", "--help",
            "--version", "-h");

    /** Half the time one of {@link #VALUES}, else a random string of up to 12 chars (ASCII or any of the BMP). */
    private static String value(SplittableRandom random) {
        if (random.nextBoolean()) {
            return VALUES.get(random.nextInt(VALUES.size()));
        }
        return FuzzTries.text(random, 12);
    }

    /** A set that parses fully under train or resume would start a training: such sets never run here. */
    private static boolean startsATraining(List<String> args) {
        if (args.stream().noneMatch(TRAINING::contains)) {
            return false;
        }
        try {
            CommandLine.ParseResult parsed = Cli.commandLine().parseArgs(args.toArray(String[]::new));
            for (CommandLine.ParseResult sub = parsed; sub != null; sub = sub.subcommand()) {
                if (sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
                    return false;
                }
            }
            return true;
        } catch (CommandLine.ParameterException refused) {
            return false;
        }
    }

    private static CommandSpec spec(List<String> path) {
        CommandLine command = Cli.commandLine();
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        return command.getCommandSpec();
    }

    private static List<List<String>> paths(CommandLine command, List<String> above) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(above);
        command.getSubcommands().forEach((name, sub) -> {
            // Aliases are listed under each name; each command is visited once, under its own name.
            if (name.equals(sub.getCommandName())) {
                List<String> path = new ArrayList<>(above);
                path.add(name);
                paths.addAll(paths(sub, List.copyOf(path)));
            }
        });
        return paths;
    }
}
