package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.MeshVerdict;
import io.rigshift.datasets.mesh.VerdictKind;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The verdicts on every file a manifest lists, in manifest order, with counts per kind. */
public record ManifestValidation(Path manifest, List<MeshVerdict> verdicts) {

    public ManifestValidation {
        Objects.requireNonNull(manifest, "manifest");
        verdicts = List.copyOf(verdicts);
    }

    /** Whether every file is usable (some perhaps with a warning). */
    public boolean isValid() {
        return verdicts.stream().allMatch(MeshVerdict::isValid);
    }

    /** The verdicts on files training cannot use, in manifest order. */
    public List<MeshVerdict> invalid() {
        return verdicts.stream().filter(verdict -> !verdict.isValid()).toList();
    }

    /** The usable files that are open or non-manifold, in manifest order: each detail is its warning. */
    public List<MeshVerdict> warnings() {
        return verdicts.stream().filter(MeshVerdict::isWarning).toList();
    }

    /** Number of files of each kind, every kind present (zero when none), in declaration order. */
    public Map<VerdictKind, Integer> counts() {
        Map<VerdictKind, Integer> counts = new EnumMap<>(VerdictKind.class);
        for (VerdictKind kind : VerdictKind.values()) {
            counts.put(kind, 0);
        }
        verdicts.forEach(verdict -> counts.merge(verdict.kind(), 1, Integer::sum));
        return counts;
    }

    /**
     * One line such as "12 files: 10 OK, 1 NOT_WATERTIGHT, 1 MISSING", leaving out kinds with no files; the open and
     * non-manifold files it counts may be usable (see {@link #warnings()}).
     */
    public String summary() {
        String kinds = counts().entrySet().stream().filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", "));
        return verdicts.size() + " file" + (verdicts.size() == 1 ? "" : "s") + (kinds.isEmpty() ? "" : ": " + kinds);
    }
}
