package io.rigshift.runner;

import io.rigshift.runner.cli.Cli;

/** {@code java -jar rigshift.jar ...}: the CLI's entry point. */
public final class RigshiftApplication {

    private RigshiftApplication() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args));
    }
}
