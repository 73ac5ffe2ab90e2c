package io.rigshift.runner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.cli.CliRun;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and resuming jobs over the API, and {@code train --server}: the server runs them as its own train would. */
class ApiSubmitTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;

    static Store store;
    static ApiServer server;
    static String acme;
    static String host;

    @BeforeAll
    static void start() {
        store = Store.open(new RigshiftHome(home), Optional.empty());
        ApiTokens tokens = new ApiTokens(store, Clock.systemUTC());
        acme = tokens.create("acme", false, null, null).secret();
        host = tokens.create(null, true, null, null).secret();
        server = ApiServer.start(new RigshiftHome(home), store, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @Test
    void aTenantStartsACommandJobThatRunsForItAndFinishes() throws Exception {
        HttpResponse<String> started = post("/api/v1/jobs", acme,
                "{\"name\": \"api-run\", \"command\": [\"sh\", \"-c\", \"echo from-the-api $RIGSHIFT_TENANT\"]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = JSON.readTree(started.body()).get("id").asLong();
        JsonNode job = awaitEnd(id, acme);
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("tenant").asText()).isEqualTo("acme");
        assertThat(job.get("name").asText()).isEqualTo("api-run");
        assertThat(get("/api/v1/jobs/" + id + "/logs", acme).body()).contains("from-the-api acme");

        HttpResponse<String> resume = post("/api/v1/jobs/" + id + "/resume", acme, "");
        assertThat(resume.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(resume.body()).get("error").asText()).contains("COMPLETED: there is nothing to resume");
    }

    @Test
    void badSpecsAreRefusedWithTheFieldAndNothingStarts() throws Exception {
        long before = executions();
        assertRefused(post("/api/v1/jobs", acme, "{\"command\": [\"true\"], \"gpu\": 1}"), "unknown field 'gpu'");
        assertRefused(post("/api/v1/jobs", acme, "{\"tenant\": \"globex\", \"command\": [\"true\"]}"),
                "tenant: this token runs jobs for tenant acme only");
        assertRefused(post("/api/v1/jobs", acme, "{\"job\": {\"type\": \"text3d\", \"params\": {\"epochs\": \"zero\"}}}"),
                "parameter epochs='zero' is not valid");
        assertRefused(post("/api/v1/jobs", acme, "{\"job\": {\"type\": \"text3d\", \"params\": {\"dataset\": \"/etc\"}}}"),
                "job.params.dataset: paths on the server cannot be given");
        assertRefused(post("/api/v1/jobs", acme, "{\"job\": {\"jar\": \"/tmp/x.jar\"}}"), "job.jar");
        assertRefused(post("/api/v1/jobs", host, "{\"command\": [\"true\"]}"), "a host token must name the tenant");
        assertThat(executions()).as("nothing started").isEqualTo(before);
    }

    @Test
    void trainWithServerSubmitsThroughTheApi() throws Exception {
        String url = "http://127.0.0.1:" + server.port();
        CliRun run = CliRun.of("train", "--server", url, "--token", acme, "--name", "from-cli", "--", "sh", "-c",
                "echo cli-submitted");
        assertThat(run.exitCode()).as(run.err()).isZero();
        long id = Long.parseLong(run.out().replaceAll("(?s)^job (\\d+) started.*", "$1").strip());
        assertThat(awaitEnd(id, acme).get("status").asText()).isEqualTo("COMPLETED");
        CliRun bad = CliRun.of("train", "--server", url, "--token", acme, "--job", "nope");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("rigshift: --job 'nope' is not a known job type");
    }

    @Test
    void submitWithoutAServerStartsTheJobHereAndReturnsAtOnce() throws Exception {
        Path local = home.resolve("local");
        CliRun run = CliRun.of("submit", "--tenant", "acme", "--home", local.toString(), "--", "sh", "-c", "echo submitted");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("job 1 started");
        try (Store localStore = Store.open(new RigshiftHome(local), Optional.empty())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String status;
            do {
                status = localStore.jdbc().queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = 1",
                        String.class);
                assertThat(System.nanoTime()).as("ended in 60 s").isLessThan(deadline);
            } while (status.startsWith("START"));
            assertThat(status).isEqualTo("COMPLETED");
        }
        CliRun bad = CliRun.of("submit", "--tenant", "acme", "--home", local.toString(), "--job", "nope");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("rigshift: --job 'nope' is not a known job type");
    }

    private static JsonNode awaitEnd(long id, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode job = JSON.readTree(get("/api/v1/jobs/" + id, token).body()).get("job");
            String status = job.get("status").asText();
            if (!status.equals("STARTING") && !status.equals("STARTED")) {
                return job;
            }
            assertThat(System.nanoTime()).as("job " + id + " ended in 60 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static long executions() {
        return store.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
    }

    private static void assertRefused(HttpResponse<String> response, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(error);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
