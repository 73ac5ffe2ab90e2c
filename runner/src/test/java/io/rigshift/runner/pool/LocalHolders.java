package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Lease holders on this host, as the pool's dead-holder check sees them: a live one and one that has exited. */
final class LocalHolders {

    private LocalHolders() {
    }

    /** This JVM: alive for as long as the test runs. */
    static ProcessIdentity alive() {
        return ProcessIdentity.current();
    }

    /**
     * A child process of this host that was started and waited for: its pid and start time as a
     * holder would have recorded them, and known dead to every liveness check from now on.
     */
    static ProcessIdentity exited() throws IOException, InterruptedException {
        // It blocks on stdin until we close it, so its start time can be read while it runs.
        Process child = new ProcessBuilder("cat").start();
        long started = ProcessIdentity.startOf(child.toHandle())
                .orElseThrow(() -> new IllegalStateException("the OS does not tell a process's start time"));
        child.getOutputStream().close();
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("child " + child.pid() + " did not exit");
        }
        ProcessIdentity exited = new ProcessIdentity(alive().hostId(), child.pid(), started);
        if (exited.liveness() != ProcessIdentity.Liveness.DEAD) {
            throw new IllegalStateException("exited child " + exited + " is not known dead: " + exited.liveness());
        }
        return exited;
    }
}
