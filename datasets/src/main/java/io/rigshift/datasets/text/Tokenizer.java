package io.rigshift.datasets.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits captions into lower-case words: every run of letters is a token, everything else separates tokens. */
public final class Tokenizer {

    private Tokenizer() {
    }

    /** The caption's words in order: "A medium-sized Ball!" gives [a, medium, sized, ball]. */
    public static List<String> tokenize(String caption) {
        List<String> tokens = new ArrayList<>();
        String text = caption.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean letter = i < text.length() && Character.isLetter(text.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            }
        }
        return tokens;
    }
}
