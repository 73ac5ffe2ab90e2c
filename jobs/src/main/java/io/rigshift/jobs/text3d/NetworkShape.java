package io.rigshift.jobs.text3d;

/**
 * The architecture of an {@link OccupancyNetwork}: every size that decides its parameters. Part
 * of a checkpoint's identity: a checkpoint made with another shape is refused.
 *
 * @param vocabularySize tokens in the vocabulary, the unknown token included
 * @param embeddingSize width of the pooled word embedding
 * @param textSize width of the text vector that conditions the decoder
 * @param fourierFrequencies number of octaves of the xyz Fourier features
 * @param hiddenSize width of the decoder's hidden layers
 * @param hiddenLayers number of hidden layers of the decoder
 * @param sequenceLength token slots the recurrent text encoder reads; 0 for a bag-of-words encoder alone
 * @param sequenceSize state width of the recurrent (GRU) text encoder; 0 exactly when sequenceLength is 0
 */
public record NetworkShape(int vocabularySize, int embeddingSize, int textSize, int fourierFrequencies,
        int hiddenSize, int hiddenLayers, int sequenceLength, int sequenceSize) {

    /** A network whose text encoder is the bag of words alone. */
    public NetworkShape(int vocabularySize, int embeddingSize, int textSize, int fourierFrequencies, int hiddenSize,
            int hiddenLayers) {
        this(vocabularySize, embeddingSize, textSize, fourierFrequencies, hiddenSize, hiddenLayers, 0, 0);
    }

    public NetworkShape {
        requirePositive("vocabularySize", vocabularySize);
        requirePositive("embeddingSize", embeddingSize);
        requirePositive("textSize", textSize);
        requirePositive("fourierFrequencies", fourierFrequencies);
        requirePositive("hiddenSize", hiddenSize);
        requirePositive("hiddenLayers", hiddenLayers);
        if (sequenceLength < 0 || sequenceSize < 0 || (sequenceLength == 0) != (sequenceSize == 0)) {
            throw new IllegalArgumentException("sequenceLength and sequenceSize must both be positive or both 0, were "
                    + sequenceLength + " and " + sequenceSize);
        }
    }

    /** Whether the text encoder reads the caption's words in order, beside the bag of words. */
    public boolean hasSequenceEncoder() {
        return sequenceLength > 0;
    }

    /** Floats of text input per caption: the bag of words and word pairs, then the token slots. */
    public int textFeatures() {
        return vocabularySize + sequenceLength;
    }

    /** Width of the Fourier-encoded point: xyz itself plus a sine and a cosine per axis and octave. */
    public int pointFeatures() {
        return 3 + 6 * fourierFrequencies;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
