package io.rigshift.datasets.mesh;

import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The loop of a fuzz test: {@code tries} inputs drawn from a {@link SplittableRandom} with a fixed seed, each given
 * to a check. The CI budget is the count a test passes; {@code -Drigshift.fuzz.tries=N} gives every fuzz test N
 * tries, and {@code -Drigshift.fuzz.seed=S} draws from another seed. The first failing input stops the loop: the
 * assertion names the seed, the try and the input (escaped and in hex), and the input is written to
 * {@code target/fuzz-failures/} to become a regression test. Nothing is shrunk.
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
    public interface Generator {
        byte[] next(SplittableRandom random);
    }

    /** Checks one input: returns when it holds, throws when it does not. */
    @FunctionalInterface
    public interface Check {
        void accept(byte[] input) throws Exception;
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

    /**
     * Checks {@link #tries(int) tries} inputs drawn from {@code seed}; try {@code k} draws from the {@code k}-th
     * split of the seed's random, so a run with the same seed and at least {@code k} tries meets the same input.
     */
    public static void run(TestInfo test, long seed, int ciTries, Generator generator, Check check) {
        String name = test.getTestClass().map(Class::getSimpleName).orElse("fuzz") + "."
                + test.getTestMethod().map(method -> method.getName()).orElse(test.getDisplayName());
        long runSeed = seed(seed);
        int tries = tries(ciTries);
        SplittableRandom random = new SplittableRandom(runSeed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            byte[] input = generator.next(random.split());
            try {
                check.accept(input);
            } catch (Throwable failure) {
                Path saved = save(name, runSeed, attempt, input);
                throw new AssertionError(name + " failed at try " + attempt + " of " + tries + ", seed " + runSeed
                        + " (rerun: -D" + SEED_PROPERTY + "=" + runSeed + " -D" + PROPERTY + "=" + attempt + ")"
                        + "\ninput, " + input.length + " bytes: \"" + escaped(input) + "\"\nhex: " + hex(input)
                        + "\nsaved to " + saved + "\n" + failure, failure);
            }
        }
        System.out.println(name + ": " + tries + " tries, seed " + runSeed);
    }

    /**
     * The input as a Java string literal's content, a byte to a char: printable ASCII as it is, the rest escaped;
     * {@code "...".getBytes(StandardCharsets.ISO_8859_1)} gives the bytes back.
     */
    public static String escaped(byte[] input) {
        StringBuilder text = new StringBuilder();
        for (byte b : input) {
            int c = b & 0xff;
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        text.append((char) c);
                    } else {
                        text.append(String.format("\\u%04x", c));
                    }
                }
            }
        }
        return text.toString();
    }

    static String hex(byte[] input) {
        StringBuilder hex = new StringBuilder(input.length * 2);
        for (byte b : input) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    private static Path save(String name, long seed, int attempt, byte[] input) {
        Path folder = Path.of(System.getProperty("basedir", "."), "target", "fuzz-failures");
        try {
            Files.createDirectories(folder);
            return Files.write(folder.resolve(name + "-seed" + seed + "-try" + attempt + ".bin"), input)
                    .toAbsolutePath();
        } catch (IOException cannot) {
            throw new UncheckedIOException("cannot save the failing input under " + folder, cannot);
        }
    }
}
