package io.rigshift.runner.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Rigshift home folder: database, job artifacts, checkpoints, logs and the DJL native cache.
 *
 * <p>Resolved from {@code --home DIR}, else the {@code RIGSHIFT_HOME} environment variable, else
 * {@code ~/.rigshift}.
 */
public record RigshiftHome(Path root) {

    /** The environment variable that names the home when {@code --home} is not given. */
    public static final String ENV = "RIGSHIFT_HOME";

    public RigshiftHome {
        root = root.toAbsolutePath().normalize();
    }

    /** Resolves the home from an explicit option (may be null), the environment, or the default. */
    public static RigshiftHome resolve(Path option, Map<String, String> env) {
        if (option != null) {
            return new RigshiftHome(option);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new RigshiftHome(Path.of(fromEnv));
        }
        return new RigshiftHome(Path.of(System.getProperty("user.home"), ".rigshift"));
    }

    /** Creates the home folder if needed and returns it. */
    public RigshiftHome ensureExists() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Rigshift home " + root, e);
        }
        return this;
    }

    public Path database() {
        return root.resolve("rigshift.db");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path djlCache() {
        return root.resolve("djl-cache");
    }

    /** The artifacts folder of one job instance (stable across restarts of that job). */
    public Path jobFolder(long jobInstanceId) {
        return root.resolve("jobs").resolve(Long.toString(jobInstanceId));
    }
}
