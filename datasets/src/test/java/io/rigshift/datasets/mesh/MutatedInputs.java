package io.rigshift.datasets.mesh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzz inputs for the readers of user files: small valid files with a few random edits (a byte changed, a run
 * deleted or duplicated, a token that parsers trip on inserted), and random bytes. Each input is drawn from the
 * random a {@link FuzzTries} loop passes, so a seed and a try number name it.
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
    public static byte[] mutationOf(SplittableRandom random, int maxEdits, byte[]... seeds) {
        byte[] bytes = seeds[random.nextInt(seeds.length)];
        int edits = 1 + random.nextInt(maxEdits);
        for (int i = 0; i < edits; i++) {
            Edit edit = new Edit(random.nextInt(4), random.nextInt(Integer.MAX_VALUE), 1 + random.nextInt(16),
                    (byte) random.nextInt(256), TOKENS.get(random.nextInt(TOKENS.size())));
            bytes = edit.applyTo(bytes);
        }
        return bytes;
    }

    /** Random bytes, up to {@code maxLength} long. */
    public static byte[] randomBytes(SplittableRandom random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random text over the given characters plus the tokens, up to {@code maxLength} characters. */
    public static byte[] randomText(SplittableRandom random, String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(maxLength / 4 + 1);
        for (int i = 0; i < pieces; i++) {
            if (random.nextBoolean()) {
                text.append(TOKENS.get(random.nextInt(TOKENS.size())));
            } else {
                int length = 1 + random.nextInt(8);
                for (int j = 0; j < length; j++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
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
                case 2 -> splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + run));
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
