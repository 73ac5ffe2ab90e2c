package io.rigshift.datasets.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words a model knows, with stable integer ids: {@value #UNKNOWN} is id 0 and the training words follow in
 * sorted order, so the same captions always give the same ids. Saved with the model as a UTF-8 text file, one token
 * per line in id order. Immutable and thread-safe.
 */
public final class Vocabulary {

    /** The token standing for every word the vocabulary does not know; always id 0. */
    public static final String UNKNOWN = "<unk>";

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int id = 0; id < this.tokens.size(); id++) {
            ids.put(this.tokens.get(id), id);
        }
    }

    /** The vocabulary of every token in the captions, sorted, after {@value #UNKNOWN}. */
    public static Vocabulary build(Collection<String> captions) {
        Set<String> words = new TreeSet<>();
        for (String caption : captions) {
            words.addAll(Tokenizer.tokenize(caption));
        }
        List<String> tokens = new ArrayList<>(words.size() + 1);
        tokens.add(UNKNOWN);
        tokens.addAll(words);
        return new Vocabulary(tokens);
    }

    /**
     * A vocabulary of the captions' words and of their adjacent word pairs ("small cone", "cone
     * on"): pairs keep some word order, which a bag of single words loses ("a cone on a box" and
     * "a box on a cone" hold the same words). Ids: {@link #UNKNOWN}, the words sorted, then the
     * pairs sorted; a pair token is two words joined by one space.
     */
    public static Vocabulary withWordPairs(Collection<String> captions) {
        Set<String> words = new TreeSet<>();
        Set<String> pairs = new TreeSet<>();
        for (String caption : captions) {
            List<String> tokens = Tokenizer.tokenize(caption);
            words.addAll(tokens);
            for (int i = 1; i < tokens.size(); i++) {
                pairs.add(tokens.get(i - 1) + " " + tokens.get(i));
            }
        }
        List<String> tokens = new ArrayList<>(1 + words.size() + pairs.size());
        tokens.add(UNKNOWN);
        tokens.addAll(words);
        tokens.addAll(pairs);
        return new Vocabulary(tokens);
    }

    /** Ids of the caption's adjacent word pairs that this vocabulary knows, in caption order. */
    public int[] encodeWordPairs(String caption) {
        List<String> tokens = Tokenizer.tokenize(caption);
        List<Integer> known = new ArrayList<>();
        for (int i = 1; i < tokens.size(); i++) {
            Integer id = ids.get(tokens.get(i - 1) + " " + tokens.get(i));
            if (id != null) {
                known.add(id);
            }
        }
        return known.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reads a vocabulary written by {@link #save}. */
    public static Vocabulary load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(UNKNOWN)) {
            throw new VocabularyFormatException(file, 1, "first token must be " + UNKNOWN
                    + (lines.isEmpty() ? ", the file is empty" : ", got '" + lines.get(0) + "'"));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String token = lines.get(i);
            if (token.isEmpty() || (i > 0 && !isWordOrPair(token))) {
                throw new VocabularyFormatException(file, i + 1, "not a lower-case word or word pair: '" + token + "'");
            }
            if (!seen.add(token)) {
                throw new VocabularyFormatException(file, i + 1, "duplicate token '" + token + "'");
            }
        }
        return new Vocabulary(lines);
    }

    /** Writes one token per line in id order, UTF-8. */
    public void save(Path file) throws IOException {
        Files.write(file, tokens, StandardCharsets.UTF_8);
    }

    /** Number of tokens, {@value #UNKNOWN} included: the embedding table size. */
    public int size() {
        return tokens.size();
    }

    private static boolean isWordOrPair(String token) {
        List<String> words = Tokenizer.tokenize(token);
        return (words.size() == 1 || words.size() == 2) && String.join(" ", words).equals(token);
    }

    /** Id of a token, 0 for unknown words. */
    public int id(String token) {
        return ids.getOrDefault(token, 0);
    }

    /** The token with this id. */
    public String token(int id) {
        return tokens.get(id);
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** Token ids of the caption in order, unknown words as 0. */
    public int[] encode(String caption) {
        return Tokenizer.tokenize(caption).stream().mapToInt(this::id).toArray();
    }

    /** The caption's words this vocabulary does not know, each once, in order of appearance. */
    public List<String> unknownWords(String caption) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String token : Tokenizer.tokenize(caption)) {
            if (!ids.containsKey(token)) {
                unknown.add(token);
            }
        }
        return List.copyOf(unknown);
    }

    /** All tokens in id order. */
    public List<String> tokens() {
        return tokens;
    }
}
