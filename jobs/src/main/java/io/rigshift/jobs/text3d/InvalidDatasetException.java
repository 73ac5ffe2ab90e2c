package io.rigshift.jobs.text3d;

import io.rigshift.datasets.manifest.ManifestValidation;
import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.datasets.mesh.MeshVerdict;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A user dataset the job cannot train on: an unreadable manifest, unusable files without
 * {@code --skip-invalid}, or no usable file left to train on. An input error, as a bad parameter is:
 * running again cannot help, so the runner neither retries nor suggests resuming. The first line of the message names every bad file and its verdict, since
 * that is the line the command line shows; the detail of each follows on its own line.
 */
public class InvalidDatasetException extends InvalidJobParameterException {

    public InvalidDatasetException(String message) {
        super(message);
    }

    /** The error for a manifest with invalid files: all of them named, and how to go on. */
    public static InvalidDatasetException of(ManifestValidation validation) {
        String files = validation.invalid().stream()
                .map(verdict -> relative(validation.manifest(), verdict) + " (" + verdict.kind() + ")")
                .collect(Collectors.joining(", "));
        String details = validation.invalid().stream().map(MeshVerdict::toString)
                .map(line -> "  " + line).collect(Collectors.joining("\n"));
        return new InvalidDatasetException("dataset " + validation.manifest() + " has "
                + validation.invalid().size() + " invalid file(s): " + files
                + "; fix them or pass --skip-invalid to train without them\n" + details);
    }

    /** The file as the manifest names it: relative to the manifest's folder when inside it. */
    private static String relative(Path manifest, MeshVerdict verdict) {
        Path folder = manifest.getParent();
        return folder != null && verdict.file().startsWith(folder) && !verdict.file().equals(folder)
                ? folder.relativize(verdict.file()).toString() : verdict.file().toString();
    }
}
