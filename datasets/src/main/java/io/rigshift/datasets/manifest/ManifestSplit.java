package io.rigshift.datasets.manifest;

import java.util.Locale;
import java.util.Optional;

/** Where a manifest row goes: the optional {@code split} column names it, or the run's seed decides. */
public enum ManifestSplit {
    /** Always trained on ({@code train}). */
    TRAIN,
    /** Always held out for validation ({@code validation}). */
    VALIDATION,
    /** No split named (no column, or an empty cell): the seed and the validation fraction decide. */
    SEEDED;

    /** The split a cell names: empty for a blank cell, the split for {@code train} or {@code validation}. */
    static Optional<ManifestSplit> parse(String cell) {
        return switch (cell.strip().toLowerCase(Locale.ROOT)) {
            case "" -> Optional.of(SEEDED);
            case "train" -> Optional.of(TRAIN);
            case "validation" -> Optional.of(VALIDATION);
            default -> Optional.empty();
        };
    }

    /** The cell text written for this split. */
    String cell() {
        return this == SEEDED ? "" : name().toLowerCase(Locale.ROOT);
    }
}
