package io.rigshift.runner.node;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, for people to read (display and defaults); never used to decide liveness. */
public final class HostNames {

    private HostNames() {
    }

    public static String local() {
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
}
