package io.rigshift.runner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.cli.ChildRigshift;
import io.rigshift.runner.cli.CliRun;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard in a real headless chromium over a real server: tenancy on the jobs page, the
 * loss curve growing while a job trains, the 3D viewer drawing exported meshes, usage charts for the
 * host, the pool map and the queue, nothing fetched from elsewhere. Skipped where chromium or playwright-core is not installed
 * ({@code .ci/run} installs both).
 */
class DashboardBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path BROWSER_TESTS = Path.of("src/test/browser");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void dashboardShowsATenantItsOwnJobsALiveLossCurveAndRenderedMeshes() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM);
        Assumptions.assumeTrue(Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core")),
                "no playwright-core: npm ci --prefix runner/src/test/browser");
        Path logs = Path.of("target/dashboard");
        CliRun other = CliRun.of("train", "--tenant", "globex", "--home", home.toString(), "--", "sh", "-c",
                "echo globex-only");
        assertThat(other.exitCode()).as(other.err()).isZero();
        ChildRigshift smoke = ChildRigshift.start(logs, "smoke", "train", "--smoke", "--tenant", "acme", "--home",
                home.toString());
        assertThat(smoke.waitFor(300)).as(smoke.err()).isZero();

        CliRun pool = CliRun.of("pool", "add", "--node", "sim1", "--model", "A40", "--count", "2", "--memory-gib",
                "48", "--simulated", "--home", home.toString());
        assertThat(pool.exitCode()).as(pool.err()).isZero();

        try (Store store = Store.open(new RigshiftHome(home), Optional.empty());
                ApiServer server = ApiServer.start(new RigshiftHome(home), store, "127.0.0.1", 0)) {
            ApiTokens tokens = new ApiTokens(store, Clock.systemUTC());
            String acme = tokens.create("acme", false, "dashboard", null).secret();
            String host = tokens.create(null, true, "ops", null).secret();
            String base = "http://127.0.0.1:" + server.port();
            assertThat(get(base + "/ui/", null).statusCode()).as("pages need no token").isEqualTo(200);
            assertThat(get(base + "/webjars/three/0.181.1/build/three.module.min.js", null).statusCode()).isEqualTo(200);
            assertThat(get(base + "/api/v1/jobs", null).statusCode()).as("data does").isEqualTo(401);

            ChildRigshift live = ChildRigshift.start(logs, "live", "train", "--smoke", "--epochs", "200", "--tenant",
                    "acme", "--home", home.toString());
            try {
                live.awaitUntil(() -> get(base + "/api/v1/jobs/3/metrics/loss", acme).body().contains("\"step\""), 120);
                Process node = new ProcessBuilder("node", "dashboard.test.mjs", base, acme, "acme", host, "2", "1", "3",
                        Path.of("target/dashboard").toAbsolutePath().toString())
                        .directory(BROWSER_TESTS.toFile()).redirectErrorStream(true).start();
                boolean ended = node.waitFor(240, TimeUnit.SECONDS);
                String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!ended) {
                    node.destroyForcibly();
                }
                assertThat(ended && node.exitValue() == 0).as(output).isTrue();
                System.out.println("dashboard figures: " + output.strip());
                assertThat(output).contains("\"livePoints\"").contains("\"canvasStdDev\"").contains("\"queueLength\":0")
                        .contains("\"invoiceLines\"");
            } finally {
                live.process().destroyForcibly();
                live.process().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
