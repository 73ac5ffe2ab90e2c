package io.rigshift.datasets.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocabularyTests {

    @TempDir
    Path folder;

    @Test
    void tokenizerLowerCasesAndSplitsOnNonLetters() {
        assertEquals(List.of("a", "medium", "sized", "ball", "on", "the", "left"),
                Tokenizer.tokenize("  A medium-sized Ball, on the LEFT!42"));
        assertEquals(List.of(), Tokenizer.tokenize("-- 3 --"));
    }

    @Test
    void unknownIsIdZeroAndWordsFollowSorted() {
        Vocabulary vocabulary = Vocabulary.build(List.of("a small ball", "A tall box"));

        assertEquals(List.of(Vocabulary.UNKNOWN, "a", "ball", "box", "small", "tall"), vocabulary.tokens());
        assertArrayEquals(new int[] {1, 5, 0}, vocabulary.encode("a tall giraffe"));
    }

    @Test
    void reportsEachUnknownWordOnceInOrder() {
        Vocabulary vocabulary = Vocabulary.build(List.of("a small ball"));

        assertEquals(List.of("purple", "giraffe"), vocabulary.unknownWords("a purple giraffe, a Purple ball"));
        assertTrue(vocabulary.unknownWords("A SMALL ball").isEmpty());
    }

    @Test
    void savedVocabularyLoadsBackWithTheSameIds() throws Exception {
        Vocabulary vocabulary = Vocabulary.build(List.of("a hollow cube beside a donut"));
        Path file = folder.resolve("vocabulary.txt");

        vocabulary.save(file);

        assertEquals(Vocabulary.UNKNOWN + "\na\nbeside\ncube\ndonut\nhollow\n", Files.readString(file));
        assertEquals(vocabulary.tokens(), Vocabulary.load(file).tokens());
    }

    @Test
    void wordPairsKeepWhichPartIsOnTop() throws Exception {
        Vocabulary vocabulary = Vocabulary.withWordPairs(List.of("a cone on a box", "a box on a cone"));

        assertTrue(vocabulary.contains("cone on") && vocabulary.contains("box on"));
        assertArrayEquals(sorted(vocabulary.encode("a cone on a box")), sorted(vocabulary.encode("a box on a cone")),
                "the same bag of words");
        assertFalse(java.util.Arrays.equals(sorted(vocabulary.encodeWordPairs("a cone on a box")),
                sorted(vocabulary.encodeWordPairs("a box on a cone"))), "different bags of word pairs");
        assertEquals(0, vocabulary.encodeWordPairs("box cone").length, "unknown pairs are left out");
        Path file = folder.resolve("pairs.txt");
        vocabulary.save(file);
        assertEquals(vocabulary.tokens(), Vocabulary.load(file).tokens());
    }

    private static int[] sorted(int[] ids) {
        return java.util.Arrays.stream(ids).sorted().toArray();
    }

    @Test
    void corruptVocabularyFileNamesTheLine() throws Exception {
        Path missingUnknown = Files.writeString(folder.resolve("a.txt"), "a\nb\n");
        Path duplicate = Files.writeString(folder.resolve("b.txt"), "<unk>\na\nb\na\n");

        assertTrue(assertThrows(VocabularyFormatException.class, () -> Vocabulary.load(missingUnknown)).getMessage()
                .contains(":1:"));
        assertTrue(assertThrows(VocabularyFormatException.class, () -> Vocabulary.load(duplicate)).getMessage()
                .contains(":4: duplicate token 'a'"));
    }
}
