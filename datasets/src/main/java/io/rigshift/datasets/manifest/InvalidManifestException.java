package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.MeshVerdict;

import java.io.IOException;
import java.util.stream.Collectors;

/** A manifest that lists files unfit for training; the message names every one of them and why. */
public class InvalidManifestException extends IOException {

    private final transient ManifestValidation validation;

    public InvalidManifestException(ManifestValidation validation) {
        super(validation.manifest() + ": " + validation.invalid().size() + " invalid file(s) ("
                + validation.summary() + "):\n" + validation.invalid().stream().map(MeshVerdict::toString)
                .map(line -> "  " + line).collect(Collectors.joining("\n")));
        this.validation = validation;
    }

    public ManifestValidation validation() {
        return validation;
    }
}
