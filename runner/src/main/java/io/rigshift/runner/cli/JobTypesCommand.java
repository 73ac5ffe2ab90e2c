package io.rigshift.runner.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rigshift.jobs.api.JobParameter;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.api.JobType;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.training.JobTypeCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift job-types [--job-jar J]}: the job types train can run, with their parameters. */
@Command(name = "job-types",
        description = "Lists the job types 'train' can run (built in, and those of --job-jar), their phases, and "
                + "their parameters with defaults.")
public class JobTypesCommand implements Callable<Integer> {

    /** Accepted like everywhere (it places the log file); this command reads no store. */
    @Mixin
    HomeOptions homeOptions;

    @Option(names = "--job-jar", paramLabel = "JAR", description = "Also list the job types of this jar.")
    Path jobJar;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table (default) or json.")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    /** The JSON shape of one job type. */
    record TypeView(@JsonProperty("name") String name, @JsonProperty("description") String description,
            @JsonProperty("phases") List<String> phases, @JsonProperty("parameters") List<ParameterView> parameters) {
    }

    /** The JSON shape of one parameter. */
    record ParameterView(@JsonProperty("name") String name, @JsonProperty("kind") String kind,
            @JsonProperty("default") String defaultValue, @JsonProperty("required") boolean required,
            @JsonProperty("allowed") String allowed, @JsonProperty("description") String description) {
    }

    @Override
    public Integer call() {
        JobTypeCatalog.Loaded catalog = jobJar == null ? JobTypeCatalog.builtIn() : JobTypeCatalog.withJar(jobJar);
        List<TypeView> types = catalog.types().all().stream().map(JobTypesCommand::view).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, Map.of("job_types", types));
            return ExitCodes.OK;
        }
        for (TypeView type : types) {
            out.printf("%s: %s%n", type.name(), type.description());
            out.printf("  phases: %s%n", String.join(" -> ", type.phases()));
            if (type.parameters().isEmpty()) {
                out.println("  parameters: none");
            } else {
                TextTable table = new TextTable("  PARAMETER", "DEFAULT", "ALLOWED", "DESCRIPTION");
                type.parameters().forEach(p -> table.row("  " + p.name(),
                        p.required() ? "(required)" : TextTable.orDash(p.defaultValue()), p.allowed(), p.description()));
                table.print(out);
            }
            out.println();
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static TypeView view(JobType type) {
        return new TypeView(type.name(), type.description(), type.phases().stream().map(JobPhase::name).toList(),
                type.parameters().stream().map(JobTypesCommand::view).toList());
    }

    private static ParameterView view(JobParameter p) {
        return new ParameterView(p.name(), p.kind().name().toLowerCase(java.util.Locale.ROOT), p.defaultValue(),
                p.required(), p.allowed(), p.description());
    }
}
