package io.rigshift.runner.pool;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** The process that holds a lease or waits for one: its host name and process id. */
public record LeaseHolder(String host, long pid) {

    public LeaseHolder {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.length() > 255) {
            throw new IllegalArgumentException("holder host must be 1-255 characters: '" + host + "'");
        }
    }

    /** This JVM on this host. */
    public static LeaseHolder current() {
        return new LeaseHolder(localHostName(), ProcessHandle.current().pid());
    }

    /** The local host name, as used for holders and for {@code pool detect}'s default node name. */
    public static String localHostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return host + ":" + pid;
    }
}
