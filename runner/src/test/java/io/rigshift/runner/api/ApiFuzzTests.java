package io.rigshift.runner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.cli.FuzzTries;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's request bodies, fuzzed (issue 13): mutated job specs (JSON and YAML), random text and
 * bytes, posted by a tenant to {@code POST /api/v1/jobs}, and random ids and bodies to a job's
 * {@code resume} and {@code stop}. Every request is answered within 10 s with 202 and the new job's
 * id, or 4xx and one line of JSON {@code error}: never a 5xx, never a hang. Specs that happen to
 * be valid start command jobs (of {@code true} and the like), which are stopped at once.
 */
class ApiFuzzTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Valid bodies to mutate: command jobs only, so that no mutation can start a long training. */
    private static final List<List<String>> SEEDS = List.of(
            List.of("application/json", "{\"command\": [\"true\"]}"),
            List.of("application/json", "{\"name\": \"fuzz\", \"command\": [\"sh\", \"-c\", \"exit 3\"], \"env\": "
                    + "{\"A\": \"1\"}, \"max_restarts\": 1, \"stop_grace\": 2}"),
            List.of("application/yaml", "name: fuzz\ncommand: [\"true\", \"--x\"]\nenv:\n  A: b\n"),
            List.of("text/plain", "command:\n  - \"true\"\n"),
            List.of("application/json", "{\"job\": {\"type\": \"no-such-type\"}, \"tenant\": \"acme\"}"));

    @TempDir
    static Path home;

    static Store store;
    static ApiServer server;
    static String acme;

    @BeforeAll
    static void start() {
        store = Store.open(new RigshiftHome(home), Optional.empty());
        acme = new ApiTokens(store, Clock.systemUTC()).create("acme", false, null, null).secret();
        server = ApiServer.start(new RigshiftHome(home), store, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        // Jobs a valid mutation started end before the home goes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', "
                + "'STARTED', 'STOPPING')", Integer.class) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        server.close();
        store.close();
    }

    @Test
    void everyJobSpecIsAnsweredWithAJobOrOneLineOfError(TestInfo test) {
        FuzzTries.run(test, 0xa91_0001L, 200, 1, ApiFuzzTests::request, this::answered);
    }

    /** Found by the fuzz: a path no endpoint serves was the servlet container's HTML page. */
    @Test
    void aPathNoEndpointServesIsAnsweredInJson() throws Exception {
        for (String path : List.of("/api/v1/jobs//resume", "/api/v1/nope", "/api//v1/jobs", "/api/v1/jobs/1/nope")) {
            HttpResponse<String> response = send(path, "application/json", "{}");
            assertEquals(404, response.statusCode(), path);
            assertEquals("no such endpoint: POST " + path + " (see /v3/api-docs)",
                    JSON.readTree(response.body()).get("error").asText());
        }
    }

    @Test
    void everyResumeAndStopIsAnsweredWithAStatusOrOneLineOfError(TestInfo test) {
        FuzzTries.run(test, 0xa91_0002L, 200, 1, random -> {
            String[] ids = {"1", "0", "-1", "999999", "99999999999999999999", "abc", "1.5", "%20", "1%0a2", ""};
            String id = random.nextBoolean() ? ids[random.nextInt(ids.length)] : Long.toString(random.nextLong());
            return List.of(random.nextBoolean() ? "resume" : "stop", id, FuzzTries.text(random, 40));
        }, input -> {
            HttpResponse<String> response = send("/api/v1/jobs/" + input.get(1) + "/" + input.get(0),
                    "application/json", input.get(2));
            assertTrue(response.statusCode() < 500, response.statusCode() + " " + response.body());
            if (response.statusCode() >= 400) {
                oneLineOfError(response);
            }
        });
    }

    /** A content type and a body: a seed with up to 4 mutations, random text, or random bytes. */
    static List<String> request(SplittableRandom random) {
        List<String> seed = SEEDS.get(random.nextInt(SEEDS.size()));
        String[] types = {seed.get(0), "application/json", "application/yaml", "text/plain"};
        String type = types[random.nextInt(types.length)];
        int kind = random.nextInt(10);
        if (kind == 0) {
            return List.of(type, FuzzTries.text(random, 200));
        }
        if (kind == 1) {
            byte[] bytes = new byte[random.nextInt(300)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            return List.of(type, new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        StringBuilder body = new StringBuilder(seed.get(1));
        String[] pieces = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "1e309", "\"tenant\": \"globex\"",
            "\"job\": {\"jar\": \"/tmp/x.jar\"}", "\"params\": {}", "\\u0000", "\n", "  ", "- ", "&a", "*a", "!!binary",
            "\"command\": []", "\"env\": {\"\": \"\"}", "9999999999999999999"};
        for (int m = random.nextInt(4) + 1; m > 0; m--) {
            int at = body.length() == 0 ? 0 : random.nextInt(body.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> body.insert(at, pieces[random.nextInt(pieces.length)]);
                case 1 -> body.delete(at, Math.min(body.length(), at + 1 + random.nextInt(6)));
                default -> body.insert(at, (char) random.nextInt(0x80));
            }
        }
        return List.of(type, body.toString());
    }

    private void answered(List<String> input) throws Exception {
        HttpResponse<String> response = send("/api/v1/jobs", input.get(0), input.get(1));
        int code = response.statusCode();
        assertTrue(code == 202 || code >= 400 && code < 500, code + " " + response.body());
        if (code == 202) {
            JsonNode started = JSON.readTree(response.body());
            assertTrue(started.path("id").canConvertToLong(), response.body());
            send("/api/v1/jobs/" + started.get("id").asLong() + "/stop", "application/json", "");
        } else {
            oneLineOfError(response);
        }
    }

    private static void oneLineOfError(HttpResponse<String> response) throws Exception {
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertTrue(error != null && error.isTextual() && !error.asText().isBlank(), response.body());
        assertFalse(error.asText().contains("\n"), "one line: " + error.asText());
        assertFalse(error.asText().contains("Exception"), "no exception names: " + error.asText());
    }

    private static HttpResponse<String> send(String path, String type, String body) throws Exception {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        } catch (IllegalArgumentException notAUri) {
            FuzzTries.discardUnless(false);
            throw notAUri;
        }
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + acme).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("")
                .split(";")[0].strip(), "every answer is JSON: " + response.statusCode() + " " + response.body());
        return response;
    }
}
