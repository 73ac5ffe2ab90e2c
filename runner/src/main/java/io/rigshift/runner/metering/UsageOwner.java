package io.rigshift.runner.metering;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The process that opened a usage record and heartbeats it. Recorded so that a record whose owner
 * died on this host can be closed at once instead of waiting for its heartbeat to go stale.
 */
public record UsageOwner(String host, long pid) {

    public UsageOwner {
        Objects.requireNonNull(host, "host");
    }

    /** This JVM. */
    public static UsageOwner current() {
        return new UsageOwner(localHost(), ProcessHandle.current().pid());
    }

    /** Whether this owner is known to be dead: it ran on this host and its process is gone. */
    public boolean isKnownDead() {
        if (!host.equals(localHost())) {
            return false;
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
