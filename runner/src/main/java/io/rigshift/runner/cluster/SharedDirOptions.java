package io.rigshift.runner.cluster;

import io.rigshift.runner.store.RigshiftHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --shared-dir}: the folder every node of a pool sees (NFS or similar; one local folder in
 * tests), holding the jobs' folders (checkpoints, artifacts, logs). Default: the home's.
 */
public class SharedDirOptions {

    @Option(names = "--shared-dir", paramLabel = "DIR",
            description = "Folder shared by the pool's nodes for checkpoints, artifacts and logs "
                    + "(default: $RIGSHIFT_SHARED_DIR, else the home).")
    Path sharedDir;

    /** The folder holding one sub-folder per job. */
    public Path jobsRoot(RigshiftHome home) {
        Path root = sharedDir != null ? sharedDir
                : System.getenv("RIGSHIFT_SHARED_DIR") != null && !System.getenv("RIGSHIFT_SHARED_DIR").isBlank()
                        ? Path.of(System.getenv("RIGSHIFT_SHARED_DIR")) : home.root();
        return root.toAbsolutePath().normalize().resolve("jobs");
    }
}
