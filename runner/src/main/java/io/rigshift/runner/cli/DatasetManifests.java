package io.rigshift.runner.cli;

import io.rigshift.datasets.manifest.Manifest;
import io.rigshift.datasets.manifest.ManifestFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the manifest a dataset command names, turning every way it can be unreadable into a usage error. */
final class DatasetManifests {

    private DatasetManifests() {
    }

    static Manifest read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException("MANIFEST '" + file + "' is a folder; expected a CSV file with the header "
                    + "'caption,path'");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("MANIFEST '" + file + "' does not exist");
        }
        try {
            return Manifest.read(file);
        } catch (ManifestFormatException malformed) {
            throw new UsageException("MANIFEST " + malformed.getMessage());
        } catch (IOException unreadable) {
            throw new UsageException("MANIFEST '" + file + "' cannot be read as UTF-8 CSV: " + unreadable);
        }
    }
}
