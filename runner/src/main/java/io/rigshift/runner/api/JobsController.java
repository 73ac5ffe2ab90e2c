package io.rigshift.runner.api;

import io.rigshift.jobs.api.JobFiles;
import io.rigshift.runner.batch.ExecutionLiveness;
import io.rigshift.runner.batch.JobListing;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.cli.JobView;
import io.rigshift.runner.cli.StatusCommand;
import io.rigshift.runner.cli.StopCommand;
import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.JobMetrics;
import io.rigshift.runner.training.RunKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs over the API: list, status, logs, metrics, checkpoints, artifacts, stop. A tenant's token
 * sees only its own jobs; another tenant's job answers 404, exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobsController {

    private static final int MAX_LOG_BYTES = 4 * 1024 * 1024;

    private final Store store;
    private final RigshiftHome home;
    private final JobLauncher launcher;

    JobsController(Store store, RigshiftHome home, JobLauncher launcher) {
        this.store = store;
        this.home = home;
        this.launcher = launcher;
    }

    /**
     * Starts a job, described as a spec file is (JSON or YAML; see the README's spec file), as this
     * host's {@code rigshift train} would: 202 with its id once it exists. A tenant's token runs it
     * for that tenant. Paths on the server (job jars, datasets) cannot be given over the API.
     */
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/yaml", "application/x-yaml",
        MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<Map<String, Object>> submit(@RequestAttribute(TokenFilter.CALLER) Caller caller,
            @org.springframework.web.bind.annotation.RequestBody String body) throws Exception {
        if (body.length() > 1 << 20) {
            throw new ApiErrors.BadRequest("the job spec is " + body.length() + " bytes; at most 1 MiB is allowed");
        }
        io.rigshift.runner.spec.JobSpec spec;
        try {
            spec = new io.rigshift.runner.spec.JobSpecReader().read("request body", body, null);
        } catch (io.rigshift.runner.spec.JobSpecException e) {
            throw new ApiErrors.BadRequest(e.getMessage());
        }
        if (spec.job() != null && spec.job().jar() != null) {
            throw new ApiErrors.BadRequest("job.jar: job jars cannot be given over the API (they would be paths on the "
                    + "server); use a built-in job type or a command");
        }
        var types = io.rigshift.runner.training.JobTypeCatalog.builtIn().types();
        String typeName = spec.job() != null && spec.job().type() != null ? spec.job().type()
                : spec.command().isEmpty() ? io.rigshift.runner.training.JobTypeCatalog.DEFAULT_TYPE : "command";
        if (spec.job() != null && types.contains(typeName)) {
            for (io.rigshift.jobs.api.JobParameter p : types.require(typeName).parameters()) {
                if (p.kind() == io.rigshift.jobs.api.JobParameter.Kind.PATH && spec.job().params().containsKey(p.name())) {
                    throw new ApiErrors.BadRequest("job.params." + p.name() + ": paths on the server cannot be given "
                            + "over the API");
                }
            }
        }
        String tenant = spec.tenant();
        if (!caller.isHost()) {
            if (tenant != null && !tenant.equals(caller.tenant())) {
                throw new ApiErrors.BadRequest("tenant: this token runs jobs for tenant " + caller.tenant() + " only");
            }
            tenant = caller.tenant();
        } else if (tenant == null) {
            throw new ApiErrors.BadRequest("tenant: a host token must name the tenant the job runs for");
        }
        JobLauncher.Started started = launcher.train(body, tenant, 60);
        return answer(started);
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<Map<String, Object>> resume(@RequestAttribute(TokenFilter.CALLER) Caller caller,
            @PathVariable long id) throws Exception {
        JobExecution execution = visible(JobRepositories.jdbc(store), caller, id);
        return answer(launcher.resume(id, execution.getJobInstance().getInstanceId(), 60));
    }

    private static ResponseEntity<Map<String, Object>> answer(JobLauncher.Started started) {
        if (started.executionId() != null) {
            return ResponseEntity.accepted().body(Map.of("id", started.executionId(), "status", "STARTED"));
        }
        int status = started.exitCode() == 2 ? 400 : started.exitCode() == 3 ? 409 : 500;
        return ResponseEntity.status(status).body(Map.of("error", started.error()));
    }

    /**
     * The caller's job executions, newest first, a page at a time: {@code limit} (default 100, at most
     * 1000) below the execution id {@code before}; {@code next_before} asks for the next page.
     */
    @GetMapping
    Map<String, Object> list(@RequestAttribute(TokenFilter.CALLER) Caller caller,
            @RequestParam(required = false) String tenant, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) Long before) {
        if (limit < 1 || limit > JobListing.MAX_LIMIT) {
            throw new ApiErrors.BadRequest("'limit' must be from 1 to " + JobListing.MAX_LIMIT + ", was " + limit);
        }
        if (!caller.isHost() && tenant != null && !tenant.equals(caller.tenant())) {
            return Map.of("jobs", List.of());
        }
        JobRepository repository = JobRepositories.jdbc(store);
        java.util.Optional<String> owner = caller.isHost() ? java.util.Optional.ofNullable(tenant)
                : java.util.Optional.of(caller.tenant());
        List<JobView> views = new ArrayList<>();
        for (JobExecution execution : JobListing.page(store, repository, owner, before, limit)) {
            views.add(JobView.of(execution, ExecutionLiveness.staleReason(execution, Clock.systemUTC())));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("jobs", views);
        if (views.size() == limit) {
            body.put("next_before", views.get(views.size() - 1).id());
        }
        return body;
    }

    @GetMapping("/{id}")
    StatusCommand.StatusView status(@RequestAttribute(TokenFilter.CALLER) Caller caller, @PathVariable long id) {
        JobRepository repository = JobRepositories.jdbc(store);
        visible(repository, caller, id);
        return StatusCommand.view(repository, id);
    }

    @PostMapping("/{id}/stop")
    Map<String, String> stop(@RequestAttribute(TokenFilter.CALLER) Caller caller, @PathVariable long id) {
        visible(JobRepositories.jdbc(store), caller, id);
        StopCommand.requestStop(store, id);
        return Map.of("status", "STOPPING", "message", "job " + id + " will checkpoint after its current batch and end "
                + "STOPPED");
    }

    /**
     * The job's log as bytes (UTF-8): the last {@code tail} bytes, or, with {@code from}, what comes
     * after that offset (at most 4 MiB a call; a client following the log asks again from its end).
     */
    @GetMapping(value = "/{id}/logs", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<byte[]> logs(@RequestAttribute(TokenFilter.CALLER) Caller caller, @PathVariable long id,
            @RequestParam(defaultValue = "65536") long tail, @RequestParam(required = false) Long from)
            throws IOException {
        if (tail < 0 || tail > MAX_LOG_BYTES) {
            throw new ApiErrors.BadRequest("'tail' must be from 0 to " + MAX_LOG_BYTES + " bytes, was " + tail);
        }
        if (from != null && from < 0) {
            throw new ApiErrors.BadRequest("'from' must be a byte offset >= 0, was " + from);
        }
        Path log = JobFiles.log(folder(caller, id));
        byte[] bytes = new byte[0];
        if (Files.isRegularFile(log)) {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long length = file.length();
                long start = from != null ? Math.min(from, length) : Math.max(0, length - tail);
                bytes = new byte[(int) Math.min(length - start, MAX_LOG_BYTES)];
                file.seek(start);
                file.readFully(bytes);
            }
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(bytes);
    }

    @GetMapping("/{id}/metrics/{name}")
    Map<String, Object> metric(@RequestAttribute(TokenFilter.CALLER) Caller caller, @PathVariable long id,
            @PathVariable String name) {
        JobRepository repository = JobRepositories.jdbc(store);
        JobExecution execution = visible(repository, caller, id);
        List<Long> executions = repository.getJobExecutions(execution.getJobInstance()).stream()
                .map(JobExecution::getId).sorted().toList();
        List<Map<String, Object>> points = JobMetrics.history(store, executions, name).stream()
                .map(m -> Map.<String, Object>of("execution", m.jobExecutionId(), "step", m.step(), "value", m.value()))
                .toList();
        return Map.of("name", name, "points", points);
    }

    @GetMapping("/{id}/artifacts")
    Map<String, List<Map<String, Object>>> artifacts(@RequestAttribute(TokenFilter.CALLER) Caller caller,
            @PathVariable long id) throws IOException {
        Path folder = folder(caller, id);
        List<Map<String, Object>> files = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = folder.relativize(file).toString().replace('\\', '/');
                    if (!relative.startsWith(JobFiles.CHECKPOINTS + "/") && !relative.contains("/.")
                            && !relative.startsWith(".")) {
                        files.add(Map.of("path", relative, "bytes", Files.size(file)));
                    }
                }
            }
        }
        return Map.of("artifacts", files);
    }

    @GetMapping("/{id}/artifacts/**")
    ResponseEntity<Resource> artifact(@RequestAttribute(TokenFilter.CALLER) Caller caller, @PathVariable long id,
            HttpServletRequest request) throws IOException {
        String prefix = "/api/v1/jobs/" + id + "/artifacts/";
        String uri = java.net.URLDecoder.decode(request.getRequestURI(), StandardCharsets.UTF_8);
        if (!uri.startsWith(prefix)) {
            throw new ApiErrors.NotFound("no such artifact");
        }
        Path file = ArtifactPaths.resolve(folder(caller, id), uri.substring(prefix.length()));
        String type = Files.probeContentType(file);
        return ResponseEntity.ok().contentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type))
                .body(new FileSystemResource(file));
    }

    /** The execution, if the caller may see it; else the same 404 as for one that does not exist. */
    private static JobExecution visible(JobRepository repository, Caller caller, long id) {
        JobExecution execution;
        try {
            execution = io.rigshift.runner.cli.ExecutionLookup.require(repository, id);
        } catch (UsageException noSuchJob) {
            throw new ApiErrors.NotFound("no job " + id);
        }
        if (!caller.sees(execution.getJobParameters().getString(RunKeys.TENANT))) {
            throw new ApiErrors.NotFound("no job " + id);
        }
        return execution;
    }

    private Path folder(Caller caller, long id) {
        JobExecution execution = visible(JobRepositories.jdbc(store), caller, id);
        return home.jobFolder(execution.getJobInstance().getInstanceId());
    }
}
