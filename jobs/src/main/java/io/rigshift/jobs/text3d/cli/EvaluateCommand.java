package io.rigshift.jobs.text3d.cli;

import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobCommandSupport;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.jobs.text3d.job.EvaluationReport;
import io.rigshift.jobs.text3d.job.ModelFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift evaluate --job ID}: the IoU scores a job's evaluate step measured. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Shows the volumetric IoU a job's evaluate step measured: on validation captions "
                + "(val_iou), on novel attribute combinations (novel_iou), with captions shuffled among shapes "
                + "(shuffled_caption_iou), and per primitive.",
            "A score with no captions to measure (a --dataset job has no novel split) shows as '-', null in JSON."})
public class EvaluateCommand implements Callable<Integer> {

    private final JobCommandSupport support;

    public EvaluateCommand(JobCommandSupport support) {
        this.support = support;
    }

    @Option(names = "--job", required = true, paramLabel = "ID", description = "Job execution id, as listed by 'rigshift jobs'.")
    long jobId;

    @Option(names = "--format", defaultValue = OutputFormat.DEFAULT, paramLabel = OutputFormat.LABEL,
            description = OutputFormat.DESCRIPTION)
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path file = support.jobFolder(jobId).resolve(ModelFiles.EVALUATION);
        if (!Files.isRegularFile(file)) {
            throw new InvalidJobParameterException("job " + jobId + " has not been evaluated yet: no " + file
                    + " (its evaluate step runs after training; see 'rigshift status " + jobId + "')");
        }
        EvaluationReport report = EvaluationReport.read(file);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, report);
        } else {
            out.printf("job %d: IoU on a %d^3 grid, %d validation and %d novel-combination captions%n", jobId,
                    report.grid(), report.validationCaptions(), report.novelCaptions());
            TextTable scores = new TextTable("SCORE", "IOU");
            scores.row("val_iou", iou(report.valIou()));
            scores.row("novel_iou", iou(report.novelIou()));
            scores.row("shuffled_caption_iou", iou(report.shuffledCaptionIou()));
            scores.print(out);
            out.println();
            TextTable primitives = new TextTable("PRIMITIVE", "VAL_IOU");
            report.perPrimitive().forEach((primitive, value) -> primitives.row(primitive, iou(value)));
            primitives.print(out);
        }
        out.flush();
        return 0;
    }

    /** An IoU as people read it: three decimals, '-' when there was nothing to measure. */
    static String iou(Double value) {
        return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }
}
