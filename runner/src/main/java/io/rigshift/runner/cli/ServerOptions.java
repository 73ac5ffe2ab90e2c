package io.rigshift.runner.cli;

import io.rigshift.runner.api.ApiClient;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --server URL --token T} (or {@code RIGSHIFT_SERVER} / {@code RIGSHIFT_TOKEN}): the command
 * asks a {@code rigshift serve} instead of opening the store, so a tenant needs no database access.
 */
public class ServerOptions {

    public static final String SERVER_ENV = "RIGSHIFT_SERVER";
    public static final String TOKEN_ENV = "RIGSHIFT_TOKEN";

    @Option(names = "--server", paramLabel = "URL", description = "Ask this Rigshift server (rigshift serve) "
            + "instead of the store. Default: $RIGSHIFT_SERVER.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token for --server. Default: $RIGSHIFT_TOKEN.")
    String token;

    /** The client, when a server is given. */
    public Optional<ApiClient> client() {
        String url = server != null ? server : System.getenv(SERVER_ENV);
        if (url == null || url.isBlank()) {
            if (token != null) {
                throw new UsageException("--token only applies with --server URL");
            }
            return Optional.empty();
        }
        return Optional.of(new ApiClient(url, token != null ? token : System.getenv(TOKEN_ENV)));
    }
}
