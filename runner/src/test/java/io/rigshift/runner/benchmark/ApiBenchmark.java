package io.rigshift.runner.benchmark;

import io.rigshift.runner.api.ApiServer;
import io.rigshift.runner.api.ApiTokens;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The API's latency for {@code GET /api/v1/jobs} with many executions in the store (SQLite):
 * {@code ApiBenchmark [EXECUTIONS] [REQUESTS]}, for a host token and for one tenant's token.
 */
public final class ApiBenchmark {

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path home = Files.createTempDirectory("rigshift-api-bench");
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            long started = System.nanoTime();
            JobRepository repository = JobRepositories.jdbc(store);
            for (int i = 0; i < executions; i++) {
                var parameters = new JobParametersBuilder().addString("tenant", "tenant-" + (i % 10))
                        .addString("run.id", "bench-" + i).toJobParameters();
                JobInstance instance = repository.createJobInstance("command", parameters);
                JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
                execution.setStatus(BatchStatus.COMPLETED);
                repository.update(execution);
            }
            System.out.printf("created %d executions in %.1f s%n", executions, (System.nanoTime() - started) / 1e9);
            ApiTokens tokens = new ApiTokens(store, Clock.systemUTC());
            String host = tokens.create(null, true, "bench", null).secret();
            String tenant = tokens.create("tenant-3", false, "bench", null).secret();
            try (ApiServer server = ApiServer.start(new RigshiftHome(home), store, "127.0.0.1", 0)) {
                HttpClient http = HttpClient.newHttpClient();
                for (String[] caller : new String[][] {{"host", host}, {"one tenant", tenant}}) {
                    List<Double> millis = new ArrayList<>();
                    int bytes = 0;
                    for (int i = 0; i < requests + 2; i++) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + server.port() + "/api/v1/jobs")).header("Authorization", "Bearer " + caller[1]).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                        }
                        bytes = response.body().length();
                        if (i >= 2) { // the first two warm the JVM up
                            millis.add((System.nanoTime() - t0) / 1e6);
                        }
                    }
                    Collections.sort(millis);
                    System.out.printf("GET /api/v1/jobs as %s (%d bytes): median %.0f ms, p99 %.0f ms over %d requests%n",
                            caller[0], bytes, millis.get(millis.size() / 2),
                            millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1)), requests);
                }
            }
        }
    }
}
