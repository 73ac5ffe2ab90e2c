package io.rigshift.runner.cli;

import io.rigshift.runner.api.ApiServer;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rigshift serve}: the REST API over this home's store (or {@code --db-url}), with tenant tokens. */
@Command(name = "serve", description = {"Serves the REST API (/api/v1/, OpenAPI at /v3/api-docs) over the store, "
        + "for tenants' and the host's tokens ('rigshift token create'). Runs until SIGTERM or Ctrl-C."})
public class ServeCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on, 0 for any free one (default 8080).")
    int port;

    @Option(names = "--address", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to bind (default 127.0.0.1; 0.0.0.0 for every interface).")
    String address;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be from 0 to 65535, was " + port);
        }
        RigshiftHome home = homeOptions.home().ensureExists();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Store store = homeOptions.openStore(); ApiServer server = ApiServer.start(home, store, homeOptions.dbUrl(), address, port)) {
            out.printf("serving http://%s:%d/api/v1/ (OpenAPI: /v3/api-docs)%n", address, server.port());
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "rigshift-serve-stop"));
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
