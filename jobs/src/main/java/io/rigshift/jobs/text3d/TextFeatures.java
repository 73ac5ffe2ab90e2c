package io.rigshift.jobs.text3d;

import io.rigshift.datasets.text.Vocabulary;

import java.util.Arrays;

/**
 * How a caption becomes the network's text input: one float vector per caption, in two parts.
 *
 * <ol>
 *   <li>The normalised bag of its words (unknown words count as the unknown token) plus the
 *       normalised bag of its known adjacent word pairs: {@code vocabulary.size()} floats.
 *   <li>Its first {@code sequenceLength} token ids in order, left-padded with {@link #PADDING}:
 *       the input of the network's recurrent encoder, which reads word order and binds each
 *       adjective to its noun ("a small cone on a large box" is not "a large cone on a small box",
 *       though both hold the same words and almost the same word pairs). Absent when
 *       {@code sequenceLength} is 0.
 * </ol>
 *
 * <p>Left padding puts the last word right before the encoder's final state, whatever the length.
 *
 * @param vocabulary the model's vocabulary (words and word pairs)
 * @param sequenceLength token slots of the ordered part; 0 for the bag alone
 */
public record TextFeatures(Vocabulary vocabulary, int sequenceLength) {

    /** Value of an empty token slot: matches no vocabulary id, so it embeds as a zero vector. */
    public static final float PADDING = -1f;

    public TextFeatures {
        if (sequenceLength < 0) {
            throw new IllegalArgumentException("sequence length must not be negative, was " + sequenceLength);
        }
    }

    /** The features the network of {@code shape} reads, over {@code vocabulary}. */
    public static TextFeatures of(Vocabulary vocabulary, NetworkShape shape) {
        if (shape.vocabularySize() != vocabulary.size()) {
            throw new IllegalArgumentException("the network expects " + shape.vocabularySize()
                    + " vocabulary tokens, the vocabulary has " + vocabulary.size());
        }
        return new TextFeatures(vocabulary, shape.sequenceLength());
    }

    /** Floats per caption. */
    public int width() {
        return vocabulary.size() + sequenceLength;
    }

    /** Writes the caption's {@link #width()} features at {@code offset}. */
    public void write(String caption, float[] target, int offset) {
        Arrays.fill(target, offset, offset + width(), 0f);
        int[] ids = vocabulary.encode(caption);
        addNormalised(ids, target, offset);
        addNormalised(vocabulary.encodeWordPairs(caption), target, offset);
        int kept = Math.min(ids.length, sequenceLength);
        int sequence = offset + vocabulary.size();
        Arrays.fill(target, sequence, sequence + sequenceLength - kept, PADDING);
        for (int i = 0; i < kept; i++) {
            target[sequence + sequenceLength - kept + i] = ids[i];
        }
    }

    private static void addNormalised(int[] ids, float[] target, int offset) {
        for (int id : ids) {
            target[offset + id] += 1f / ids.length;
        }
    }
}
