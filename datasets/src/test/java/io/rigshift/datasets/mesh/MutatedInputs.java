package io.rigshift.datasets.mesh;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz inputs for the readers of user files: small valid files with a few random edits (a byte changed, a run
 * deleted or duplicated, a token that parsers trip on inserted), and random bytes. jqwik shrinks a failing input
 * to the fewest and smallest edits, which is the regression test to keep.
 */
public final class MutatedInputs {

    /** Text that parsers of numbers, indices, CSV and line structure tend to get wrong. */
    private static final List<String> TOKENS = List.of("\n", "\r", "\r\n", " ", "\t", "#", ",", "\"", "/", "//",
            "-", "0", "-0", "1", "-1", "255", "256", "1024", "1025", "2147483647", "2147483648", "-2147483648",
            "99999999999", "1e308", "-1e308", "1.7976931348623157E308", "4.9E-324", "NaN", "Infinity", "0x1p3",
            "\u0000", "\u00ff", "\uFEFF", "\u2028", "..", "../", "/etc/passwd", "v", "f", "dim", "data", "scale",
            "translate", "#binvox 1", "caption,path", "caption", "path", "\"\"", "a\"b");

    private MutatedInputs() {
    }

    /** One of the seeds with one to {@code maxEdits} random edits. */
    public static Arbitrary<byte[]> mutationsOf(int maxEdits, byte[]... seeds) {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(1, 16),
                Arbitraries.bytes(), Arbitraries.of(TOKENS)).as(Edit::new);
        return Arbitraries.of(seeds).flatMap(seed -> edit.list().ofMinSize(1).ofMaxSize(maxEdits)
                .map(edits -> apply(seed, edits)));
    }

    /** Random bytes, up to {@code maxLength} long. */
    public static Arbitrary<byte[]> randomBytes(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    /** Random text over the given characters plus the tokens, up to {@code maxLength} characters. */
    public static Arbitrary<byte[]> randomText(String alphabet, int maxLength) {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.strings().withChars(alphabet).ofMinLength(1)
                .ofMaxLength(8), Arbitraries.of(TOKENS));
        return piece.list().ofMaxSize(maxLength / 4)
                .map(pieces -> String.join("", pieces).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] apply(byte[] seed, List<Edit> edits) {
        byte[] bytes = seed;
        for (Edit edit : edits) {
            bytes = edit.applyTo(bytes);
        }
        return bytes;
    }

    /** One edit: 0 set a byte, 1 delete a run, 2 duplicate a run, 3 insert a token; at a position modulo length. */
    private record Edit(int kind, int position, int length, byte value, String token) {

        byte[] applyTo(byte[] bytes) {
            int at = bytes.length == 0 ? 0 : position % bytes.length;
            int run = Math.min(length, bytes.length - at);
            return switch (kind) {
                case 0 -> {
                    if (bytes.length == 0) {
                        yield new byte[] {value};
                    }
                    byte[] changed = bytes.clone();
                    changed[at] = value;
                    yield changed;
                }
                case 1 -> splice(bytes, at, run, new byte[0]);
                case 2 -> splice(bytes, at, 0, java.util.Arrays.copyOfRange(bytes, at, at + run));
                default -> splice(bytes, at, 0, token.getBytes(StandardCharsets.UTF_8));
            };
        }

        private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
            byte[] result = new byte[bytes.length - removed + inserted.length];
            System.arraycopy(bytes, 0, result, 0, at);
            System.arraycopy(inserted, 0, result, at, inserted.length);
            System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
            return result;
        }
    }
}
