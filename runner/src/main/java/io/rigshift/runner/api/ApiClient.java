package io.rigshift.runner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The CLI's side of the API ({@code --server URL --token T}): a tenant needs no database
 * credentials. Every failure is one line: the server's own error, or why it cannot be reached.
 */
public final class ApiClient {

    /** A request the server refused or that did not reach it; the message is for the user. */
    public static final class ApiException extends IllegalArgumentException {
        ApiException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ApiClient(String server, String token) {
        try {
            URI uri = new URI(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(server, "expected http://HOST:PORT or https://HOST:PORT");
            }
            this.base = uri;
        } catch (URISyntaxException e) {
            throw new ApiException("--server '" + server + "' is not a server URL: expected http://HOST:PORT");
        }
        if (token == null || token.isBlank()) {
            throw new ApiException("--server needs a token: --token T or RIGSHIFT_TOKEN ('rigshift token create' on the "
                    + "server's host)");
        }
        this.token = token.strip();
    }

    public String getText(String path) {
        return new String(getBytes(path), java.nio.charset.StandardCharsets.UTF_8);
    }

    public byte[] getBytes(String path) {
        return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).GET());
    }

    public JsonNode get(String path) {
        return parse(getBytes(path));
    }

    public JsonNode post(String path) {
        return parse(send(HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                .POST(HttpRequest.BodyPublishers.noBody())));
    }

    /** POSTs a JSON body. */
    public JsonNode post(String path, Object body) {
        try {
            return parse(send(HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new ApiException("the server at " + base + " answered something this client cannot read: "
                    + e.getMessage());
        }
    }

    private byte[] send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new ApiException("cannot reach the server at " + base + " (connection refused)");
        } catch (HttpTimeoutException e) {
            throw new ApiException("the server at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new ApiException("cannot reach the server at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting for " + base);
        }
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        String error;
        try {
            error = JSON.readTree(response.body()).path("error").asText(null);
        } catch (IOException e) {
            error = null;
        }
        throw new ApiException((error == null ? "HTTP " + response.statusCode() : error)
                + (response.statusCode() == 401 ? " (server " + base + ")" : ""));
    }

    private JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException("the server at " + base + " answered something that is not JSON");
        }
    }
}
