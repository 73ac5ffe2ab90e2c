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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API with real tokens over a real store: tenancy, 401/404 rules, artifacts, bad input. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ApiTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;

    static Store store;
    static ApiServer server;
    static String acme;
    static String globex;
    static String host;
    static String revoked;
    static long acmeJob;
    static long globexJob;

    @BeforeAll
    static void startServerWithTwoTenantsJobs() throws Exception {
        CliRun a = CliRun.of("train", "--tenant", "acme", "--home", home.toString(), "--", "sh", "-c",
                "echo acme-secret-log; echo model > $RIGSHIFT_ARTIFACTS_DIR/model.txt");
        assertThat(a.exitCode()).as(a.err()).isZero();
        CliRun g = CliRun.of("train", "--tenant", "globex", "--home", home.toString(), "--", "sh", "-c", "echo globex-log");
        assertThat(g.exitCode()).as(g.err()).isZero();
        acmeJob = 1;
        globexJob = 2;
        store = Store.open(new RigshiftHome(home), Optional.empty());
        ApiTokens tokens = new ApiTokens(store, Clock.systemUTC());
        acme = tokens.create("acme", false, "test", null).secret();
        globex = tokens.create("globex", false, null, Duration.ofDays(1)).secret();
        host = tokens.create(null, true, "ops", null).secret();
        ApiTokens.Created gone = tokens.create("acme", false, null, null);
        tokens.revoke(gone.token().id());
        revoked = gone.secret();
        server = ApiServer.start(new RigshiftHome(home), store, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @Test
    void noTokenOrABadOrRevokedOneIs401WithAJsonError() throws Exception {
        for (String token : new String[] {null, "nonsense", "rs_aaaaaaaaaaaa_" + "x".repeat(43), revoked,
            acme.substring(0, acme.length() - 1) + (acme.endsWith("A") ? "B" : "A")}) {
            HttpResponse<String> response = get("/api/v1/jobs", token);
            assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
        }
    }

    @Test
    void aTenantSeesOnlyItsOwnJobsAndAnotherTenantsJobIs404LikeAMissingOne() throws Exception {
        JsonNode jobs = JSON.readTree(get("/api/v1/jobs", acme).body()).get("jobs");
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("tenant").asText()).isEqualTo("acme");
        assertThat(JSON.readTree(get("/api/v1/jobs", host).body()).get("jobs")).hasSize(2);

        HttpResponse<String> others = get("/api/v1/jobs/" + globexJob, acme);
        HttpResponse<String> missing = get("/api/v1/jobs/999", acme);
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(others.body()).isEqualTo(missing.body().replace("999", Long.toString(globexJob)));
        for (String path : new String[] {"/logs", "/artifacts", "/artifacts/model.txt", "/metrics/loss"}) {
            assertThat(get("/api/v1/jobs/" + globexJob + path, acme).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(post("/api/v1/jobs/" + globexJob + "/stop", acme).statusCode()).isEqualTo(404);

        JsonNode status = JSON.readTree(get("/api/v1/jobs/" + acmeJob, acme).body());
        assertThat(status.get("job").get("status").asText()).isEqualTo("COMPLETED");
        assertThat(get("/api/v1/jobs/" + globexJob, host).statusCode()).isEqualTo(200);
    }

    @Test
    void logsAndArtifactsOfOnesOwnJob() throws Exception {
        assertThat(get("/api/v1/jobs/" + acmeJob + "/logs", acme).body()).contains("acme-secret-log")
                .doesNotContain("globex");
        JsonNode artifacts = JSON.readTree(get("/api/v1/jobs/" + acmeJob + "/artifacts", acme).body()).get("artifacts");
        List<String> paths = new ArrayList<>();
        artifacts.forEach(a -> paths.add(a.get("path").asText()));
        assertThat(paths).contains("artifacts/model.txt");
        assertThat(get("/api/v1/jobs/" + acmeJob + "/artifacts/artifacts/model.txt", acme).body()).isEqualTo("model\n");
    }

    @Test
    void artifactDownloadsCannotLeaveTheJobFolder() throws Exception {
        Path folder = home.resolve("jobs").resolve("1");
        Path secret = home.resolve("outside.txt");
        Files.writeString(secret, "secret");
        Files.createSymbolicLink(folder.resolve("artifacts").resolve("link.txt"), secret);
        Files.createSymbolicLink(folder.resolve("linked-dir"), home);
        String base = "/api/v1/jobs/" + acmeJob + "/artifacts/";
        for (String attempt : new String[] {"../2/logs/output.log", "..%2F2%2Flogs%2Foutput.log",
            "%2e%2e/%2e%2e/outside.txt", "artifacts/link.txt", "linked-dir/outside.txt", "%2Fetc%2Fpasswd",
            "checkpoints/x", ".hidden", "artifacts/..%2F..%2F2%2Flogs%2Foutput.log"}) {
            HttpResponse<String> response = get(base + attempt, acme);
            assertThat(response.statusCode()).as(attempt).isIn(400, 404);
            assertThat(response.body()).as(attempt).doesNotContain("secret").doesNotContain("globex");
        }
    }

    @Test
    void badRequestsNameTheFieldInOneJsonLine() throws Exception {
        HttpResponse<String> by = get("/api/v1/usage?by=nope", acme);
        assertThat(by.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(by.body()).get("error").asText()).contains("'by'").contains("nope");
        HttpResponse<String> id = get("/api/v1/jobs/abc", acme);
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(id.body()).get("error").asText()).contains("'id'");
        HttpResponse<String> notRunning = post("/api/v1/jobs/" + acmeJob + "/stop", acme);
        assertThat(notRunning.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notRunning.body()).get("error").asText()).contains("COMPLETED, not running");
    }

    @Test
    void usageIsTheTenantsOwnWhateverItAsksFor() throws Exception {
        JsonNode own = JSON.readTree(get("/api/v1/usage?by=tenant", acme).body());
        assertThat(own.get("rows")).hasSize(1);
        assertThat(own.get("rows").get(0).get("key").asText()).isEqualTo("acme");
        assertThat(get("/api/v1/usage?tenant=globex", acme).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/api/v1/usage?by=tenant", host).body()).get("rows")).hasSize(2);
    }

    @Test
    void theCliTalksToTheServerWithATokenAndNoStore() throws Exception {
        String server = "http://127.0.0.1:" + server().port();
        Path elsewhere = home.resolve("no-store-here");
        CliRun jobs = CliRun.of("jobs", "--server", server, "--token", acme, "--format", "json", "--home",
                elsewhere.toString());
        assertThat(jobs.exitCode()).as(jobs.err()).isZero();
        JsonNode listed = JSON.readTree(jobs.out()).get("jobs");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("tenant").asText()).isEqualTo("acme");
        CliRun logs = CliRun.of("logs", Long.toString(acmeJob), "--server", server, "--token", acme, "--follow");
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("acme-secret-log");
        CliRun status = CliRun.of("status", Long.toString(acmeJob), "--server", server, "--token", acme);
        assertThat(status.out()).contains("job 1 (command, tenant acme): COMPLETED");
        CliRun other = CliRun.of("status", Long.toString(globexJob), "--server", server, "--token", acme);
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err().strip()).isEqualTo("rigshift: no job " + globexJob);
        assertThat(Files.exists(elsewhere.resolve("rigshift.db"))).as("no store was opened").isFalse();
    }

    private static ApiServer server() {
        return server;
    }

    @Test
    void metricsAreOpenToTheScraperAndPassPromtool() throws Exception {
        HttpResponse<String> scrape = get("/metrics", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("rigshift_jobs{state=\"COMPLETED\"} 2.0")
                .contains("rigshift_billed_device_seconds_total{tenant=\"acme\"}")
                .contains("rigshift_queue_length 0.0");
        Path promtool = Path.of("/usr/bin/promtool");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(promtool),
                "promtool comes with Debian's prometheus package (.ci/run installs it)");
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = check.getOutputStream()) {
            in.write(scrape.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String said = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(said).isZero();
    }

    @Test
    void poolQueueInvoicesAndCheckpointsKeepTenantsApart() throws Exception {
        JsonNode pool = JSON.readTree(get("/api/v1/pool", acme).body());
        assertThat(pool.get("nodes")).isNotNull();
        assertThat(JSON.readTree(get("/api/v1/queue", acme).body()).get("length").asInt()).isZero();
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        HttpResponse<String> own = get("/api/v1/invoices/acme/" + month, acme);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).toString()).contains("acme");
        assertThat(get("/api/v1/invoices/globex/" + month, acme).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/invoices/globex/" + month, host).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/invoices/acme/" + month + "?format=pdf", acme).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/invoices/acme/2999-01", acme).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/jobs/" + acmeJob + "/checkpoints", acme).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/jobs/" + globexJob + "/checkpoints", acme).statusCode()).isEqualTo(404);
        CliRun invoice = CliRun.of("invoice", "--tenant", "acme", "--month", month, "--server",
                "http://127.0.0.1:" + server.port(), "--token", acme);
        assertThat(invoice.exitCode()).as(invoice.err()).isZero();
        assertThat(invoice.out()).contains("acme");
    }

    @Test
    void aJobsEventStreamEndsWithItsStatusAndIsTheTenantsOwn() throws Exception {
        HttpResponse<String> events = get("/api/v1/jobs/" + acmeJob + "/events", acme);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(events.body()).contains("event:status").contains("COMPLETED").contains("event:end");
        assertThat(get("/api/v1/jobs/" + globexJob + "/events", acme).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/jobs/" + acmeJob + "/events", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/jobs/{id}").contains("/api/v1/usage");
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: it blocks this client's address for a minute
    void failedAuthenticationsAreRateLimited() throws Exception {
        int status = 0;
        for (int i = 0; i <= TokenFilter.MAX_FAILURES; i++) {
            status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/jobs"))
                    .header("Authorization", "Bearer wrong-" + i).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        assertThat(status).isEqualTo(429);
        // Its real token is refused too while the window lasts: guessing cannot go on beside real use.
        assertThat(get("/api/v1/jobs", host).statusCode()).isEqualTo(429);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
