package io.rigshift.runner.node;

import io.rigshift.runner.store.RigshiftHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which pool node this machine is: {@code RIGSHIFT_NODE} (or {@code -Drigshift.node}), else the
 * name {@code rigshift pool detect} registered in the home's {@code node} file. Never guessed from
 * the host name: a lease on node {@code gpu-07} is used only on the machine configured as gpu-07.
 */
public final class NodeIdentity {

    public static final String NODE_ENV = "RIGSHIFT_NODE";
    static final String NODE_FILE = "node";

    private NodeIdentity() {
    }

    /** This machine's node name, if configured or registered. */
    public static Optional<String> of(RigshiftHome home) {
        String configured = System.getProperty("rigshift.node", System.getenv(NODE_ENV));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        Path file = home.root().resolve(NODE_FILE);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    .filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records that this machine is {@code node} (what {@code pool detect} registered). */
    public static void register(RigshiftHome home, String node) {
        try {
            io.rigshift.jobs.checkpoint.DurableFiles.writeAtomically(home.root().resolve(NODE_FILE),
                    (node + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot record the node name in " + home.root(), e);
        }
    }
}
