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
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Fuzzes the command line: random sets of real subcommands and their options with real and garbage values, against
 * a temporary home with no store. Every set exits 0, 1, 2 or 3 without a stack trace on stderr, and a usage error
 * (2) prints exactly one line starting with {@code rigshift: }. Sets that would start a training ({@code train},
 * {@code resume} that parse fully) are discarded before they run, so the suite stays fast.
 */
@AddLifecycleHook(FuzzTries.class)
class CliFuzzTests {

    private static final Set<String> TRAINING = Set.of("train", "resume");
    /** The command tree, read once from the real command line: every path of subcommand names. */
    private static final List<List<String>> PATHS = paths(Cli.commandLine(), List.of());

    private Path root;
    private Path home;
    private String userHome;

    @BeforeProperty
    void createHome() throws IOException {
        root = Files.createTempDirectory("cli-fuzz");
        home = root.resolve("home");
        Files.writeString(root.resolve("manifest.csv"), "caption,path\na cube,cube.obj\n");
        Files.writeString(root.resolve("job.yaml"), "tenant: acme\nseed: 3\n");
        // A set without --home falls back to ~/.rigshift: point it into the temporary folder as well.
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", root.resolve("user").toString());
    }

    @AfterProperty
    void deleteHome() throws IOException {
        System.setProperty("user.home", userHome);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Property(tries = 300, maxDiscardRatio = 20)
    void everyArgumentSetExitsWithACodeOfTheContractAndOneLineForUsage(@ForAll("argumentSets") List<String> set) {
        List<String> args = set.stream().map(arg -> arg.replace("{root}", root.toString())
                .replace("{home}", home.toString())).toList();
        Assume.that(!startsATraining(args));

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

    @Provide
    Arbitrary<List<String>> argumentSets() {
        return Arbitraries.of(PATHS).flatMap(path -> {
            CommandSpec spec = spec(path);
            List<OptionSpec> options = spec.options();
            Arbitrary<List<String>> optionArgs = options.isEmpty() ? Arbitraries.just(List.of())
                    : Combinators.combine(Arbitraries.of(options), Arbitraries.integers().between(0, 3), values(),
                            values()).as((option, name, value, more) -> {
                        List<String> words = new ArrayList<>();
                        words.add(option.names()[name % option.names().length]);
                        if (option.arity().max() > 0 || !option.typeInfo().isBoolean()) {
                            words.add(value);
                            if (option.arity().max() > 1) {
                                words.add(more);
                            }
                        }
                        return words;
                    }).list().ofMaxSize(4).map(lists -> lists.stream().flatMap(List::stream).toList());
            Arbitrary<List<String>> positionals = values().list().ofMaxSize(2);
            Arbitrary<Boolean> withHome = Arbitraries.of(true, true, true, false);
            return Combinators.combine(optionArgs, positionals, withHome, Arbitraries.integers().between(0, 8))
                    .as((picked, loose, homed, at) -> {
                        List<String> args = new ArrayList<>(path);
                        List<String> tail = new ArrayList<>(picked);
                        tail.addAll(Math.min(at, tail.size()), loose);
                        if (homed && spec.findOption("--home") != null) {
                            args.add("--home");
                            args.add("{home}");
                        }
                        args.addAll(tail);
                        return args;
                    });
        });
    }

    /** Values an option or parameter may get: well-formed ones, and the garbage users type. */
    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of("0", "1", "3", "-1", "42", "1000000000", "2147483647", "2147483648", "99999999999999999999",
                        "1e3", "0.5", "abc", "", " ", "--", "-", "-x", "--nope", "@{root}/no-such-args", "=", "a=b",
                        "A40", "acme", "text", "json", "table", "csv", "cpu", "gpu", "auto", "2026-01", "2026-13",
                        "2026-01-01", "EUR", "12.50", "{root}", "{root}/manifest.csv", "{root}/job.yaml",
                        "{root}/missing.csv", "{root}/new-folder", "/dev/null", "\u0000", "caf\u00e9", "a\nb",
                        "--help", "--version", "-h"),
                Arbitraries.strings().ofMaxLength(12));
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
