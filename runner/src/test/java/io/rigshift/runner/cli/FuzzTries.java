package io.rigshift.runner.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestInfo;

/**
 * The loop of a command-line fuzz test: {@code tries} argument sets drawn from a {@link SplittableRandom} with a
 * fixed seed, each given to a check. The CI budget is the count a test passes; {@code -Drigshift.fuzz.tries=N}
 * gives every fuzz test N tries, and {@code -Drigshift.fuzz.seed=S} draws from another seed. A check may
 * {@link #discardUnless discard} a set it must not run; too many discards fail the test. The first failing set
 * stops the loop: the assertion names the seed, the try and the set (escaped), and the set is written to
 * {@code target/fuzz-failures/}, one Java string literal a line, to become a regression test. Nothing is shrunk.
 */
public final class FuzzTries {

    /** The system property naming the tries of a longer run. */
    public static final String PROPERTY = "rigshift.fuzz.tries";
    /** The system property naming another seed than a test's own. */
    public static final String SEED_PROPERTY = "rigshift.fuzz.seed";

    private FuzzTries() {
    }

    /** Draws one input. */
    @FunctionalInterface
    public interface Generator<T> {
        T next(SplittableRandom random);
    }

    /** Checks one input: returns when it holds, throws when it does not. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    /** Up to {@code maxLength} random characters, each ASCII or anywhere in the BMP (no surrogates), with even odds. */
    public static String text(SplittableRandom random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            char c;
            do {
                c = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
            } while (Character.isSurrogate(c));
            text.append(c);
        }
        return text.toString();
    }

    /** The tries of a run: {@value #PROPERTY} when set, else {@code ciTries}. */
    public static int tries(int ciTries) {
        String tries = System.getProperty(PROPERTY, "");
        return tries.isBlank() ? ciTries : Integer.parseInt(tries.strip());
    }

    /** The seed of a run: {@value #SEED_PROPERTY} when set, else the test's own. */
    public static long seed(long testSeed) {
        String seed = System.getProperty(SEED_PROPERTY, "");
        return seed.isBlank() ? testSeed : Long.decode(seed.strip());
    }

    /** Inside a check: skips the input (it counts as a try, not as a check) unless {@code condition} holds. */
    public static void discardUnless(boolean condition) {
        if (!condition) {
            throw new Discarded();
        }
    }

    /**
     * Checks {@link #tries(int) tries} argument sets drawn from {@code seed}; try {@code k} draws from the
     * {@code k}-th split of the seed's random, so a run with the same seed and at least {@code k} tries meets the
     * same set. Fails when more than {@code maxDiscardRatio} sets were discarded per set checked.
     */
    public static void run(TestInfo test, long seed, int ciTries, int maxDiscardRatio,
            Generator<List<String>> generator, Check<List<String>> check) {
        String name = test.getTestClass().map(Class::getSimpleName).orElse("fuzz") + "."
                + test.getTestMethod().map(method -> method.getName()).orElse(test.getDisplayName());
        long runSeed = seed(seed);
        int tries = tries(ciTries);
        SplittableRandom random = new SplittableRandom(runSeed);
        int checked = 0;
        for (int attempt = 1; attempt <= tries; attempt++) {
            List<String> input = generator.next(random.split());
            try {
                check.accept(input);
                checked++;
            } catch (Discarded discarded) {
                // Counted below.
            } catch (Throwable failure) {
                Path saved = save(name, runSeed, attempt, input);
                throw new AssertionError(name + " failed at try " + attempt + " of " + tries + ", seed " + runSeed
                        + " (rerun: -D" + SEED_PROPERTY + "=" + runSeed + " -D" + PROPERTY + "=" + attempt + ")"
                        + "\ninput: " + literals(input, ", ") + "\nsaved to " + saved + "\n" + failure, failure);
            }
        }
        int discarded = tries - checked;
        if (tries > 0 && (checked == 0 || discarded > (long) maxDiscardRatio * checked)) {
            throw new AssertionError(name + ": " + discarded + " of " + tries + " tries discarded, over "
                    + maxDiscardRatio + " per check, seed " + runSeed);
        }
        System.out.println(name + ": " + tries + " tries, seed " + runSeed + ", " + checked + " checked, "
                + discarded + " discarded");
    }

    /** The arguments as Java string literals, printable ASCII as it is and the rest escaped. */
    static String literals(List<String> args, String separator) {
        return args.stream().map(FuzzTries::literal).collect(Collectors.joining(separator));
    }

    private static String literal(String arg) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        text.append(c);
                    } else {
                        text.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return text.append('"').toString();
    }

    private static Path save(String name, long seed, int attempt, List<String> input) {
        Path folder = Path.of(System.getProperty("basedir", "."), "target", "fuzz-failures");
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(name + "-seed" + seed + "-try" + attempt + ".args"),
                    literals(input, "\n") + "\n", StandardCharsets.UTF_8).toAbsolutePath();
        } catch (IOException cannot) {
            throw new UncheckedIOException("cannot save the failing input under " + folder, cannot);
        }
    }

    /** Thrown by {@link #discardUnless} to skip an input. */
    private static final class Discarded extends RuntimeException {
        Discarded() {
            super(null, null, false, false);
        }
    }
}
