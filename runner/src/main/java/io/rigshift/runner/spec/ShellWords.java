package io.rigshift.runner.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of text into arguments the way a POSIX shell would, without expanding anything:
 * blanks separate words, {@code '...'} is literal, {@code "..."} keeps blanks and lets {@code \"}
 * and {@code \\} through, and a backslash outside quotes escapes the next character. Adjacent parts
 * join ({@code --msg="a b"} is one word), and {@code ""} is an empty word.
 */
public final class ShellWords {

    private ShellWords() {
    }

    /**
     * The words of {@code line}; throws {@link IllegalArgumentException} for an unbalanced quote or a
     * trailing backslash, with a message saying which and at what (1-based) character.
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        // A word can be empty ("") yet present, so "in a word" is tracked apart from its length.
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unbalanced single quote at character " + (i + 1));
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("trailing backslash at character " + (i + 1));
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the inside of the double-quoted part opening at {@code open}; returns the index after it. */
    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            // As in sh, only these escapes mean something inside double quotes; "\n" stays two characters.
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unbalanced double quote at character " + (open + 1));
    }
}
