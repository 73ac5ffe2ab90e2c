package io.rigshift.runner.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves a path a caller asked for inside a job's folder, or refuses it (404): no {@code ..}, no
 * absolute path, nothing under a link that leads out, no checkpoint internals, no hidden files.
 */
final class ArtifactPaths {

    private ArtifactPaths() {
    }

    static Path resolve(Path folder, String requested) throws IOException {
        if (requested.isEmpty() || requested.indexOf('\0') >= 0 || requested.startsWith("/") || requested.contains("\\")) {
            throw new ApiErrors.NotFound("no such artifact");
        }
        for (String part : requested.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.startsWith(".")) {
                throw new ApiErrors.NotFound("no such artifact");
            }
        }
        if (requested.startsWith("checkpoints/")) {
            throw new ApiErrors.NotFound("no such artifact");
        }
        Path file = folder.resolve(requested).normalize();
        if (!file.startsWith(folder) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ApiErrors.NotFound("no such artifact");
        }
        // A link anywhere on the way could lead out of the folder: compare real paths.
        Path real = file.toRealPath();
        if (!real.startsWith(folder.toRealPath())) {
            throw new ApiErrors.NotFound("no such artifact");
        }
        return real;
    }
}
