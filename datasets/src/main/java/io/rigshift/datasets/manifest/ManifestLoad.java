package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.MeshVerdict;

import java.util.List;

/** The samples loaded from a manifest, and the verdicts on files left out under {@link InvalidFilePolicy#SKIP}. */
public record ManifestLoad(List<ManifestSample> samples, List<MeshVerdict> skipped) {

    public ManifestLoad {
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
    }
}
