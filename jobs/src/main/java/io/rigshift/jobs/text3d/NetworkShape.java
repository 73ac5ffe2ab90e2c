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
 */
public record NetworkShape(int vocabularySize, int embeddingSize, int textSize, int fourierFrequencies,
        int hiddenSize, int hiddenLayers) {

    public NetworkShape {
        requirePositive("vocabularySize", vocabularySize);
        requirePositive("embeddingSize", embeddingSize);
        requirePositive("textSize", textSize);
        requirePositive("fourierFrequencies", fourierFrequencies);
        requirePositive("hiddenSize", hiddenSize);
        requirePositive("hiddenLayers", hiddenLayers);
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
