package io.rigshift.jobs.text3d.cli;

import ai.djl.Device;
import io.rigshift.datasets.text.Tokenizer;
import io.rigshift.datasets.text.Vocabulary;
import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobCommandSupport;
import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.export.MeshExport;
import io.rigshift.jobs.text3d.job.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift predict}: the shape a trained job's model makes of any caption, as files to open. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts the shape a caption describes with a job's trained model and writes it as "
                + "OBJ and PLY meshes and a PNG preview.",
            "Words the model never saw count as the unknown token; each is named in a warning."})
public class PredictCommand implements Callable<Integer> {

    private final JobCommandSupport support;

    public PredictCommand(JobCommandSupport support) {
        this.support = support;
    }

    static final int MIN_RESOLUTION = 8;
    static final int MAX_RESOLUTION = 256;

    @Option(names = "--job", required = true, paramLabel = "ID", description = "Job execution id, as listed by 'rigshift jobs'.")
    long jobId;

    @Option(names = "--text", required = true, paramLabel = "CAPTION", description = "What to make, e.g. \"a tall cone on a flat box\".")
    String text;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the files (created if needed).")
    Path out;

    @Option(names = "--resolution", defaultValue = "" + MeshExport.DEFAULT_RESOLUTION, paramLabel = "N",
            description = "Cells per side of the prediction grid, " + MIN_RESOLUTION + " to " + MAX_RESOLUTION
                    + " (default " + MeshExport.DEFAULT_RESOLUTION + "); the surface is smoothed between cells.")
    int resolution;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        validate();
        Path folder = support.jobFolder(jobId);
        if (!TrainedModel.exists(folder)) {
            throw new InvalidJobParameterException("job " + jobId + " has no trained model yet in " + folder
                    + " (see 'rigshift status " + jobId + "')");
        }
        support.startEngine();
        PrintWriter printer = spec.commandLine().getOut();
        MeshExport.ExportedMesh mesh;
        try (OccupancyPredictor predictor = TrainedModel.load(folder, Device.cpu())) {
            Vocabulary vocabulary = predictor.vocabulary();
            List<String> unknown = vocabulary.unknownWords(text);
            if (!unknown.isEmpty()) {
                printer.println("warning: the model does not know " + String.join(", ", unknown.stream()
                        .map(word -> "'" + word + "'").toList()) + "; read as " + Vocabulary.UNKNOWN);
            }
            mesh = new MeshExport(resolution).export(predictor, text, out, MeshExport.slug(text));
        }
        if (mesh.isEmpty()) {
            printer.flush();
            spec.commandLine().getErr().println("rigshift: " + mesh.warning());
            return 1;
        }
        printer.printf("mesh: %d vertices, %d triangles%n", mesh.mesh().vertexCount(), mesh.mesh().faceCount());
        mesh.files().forEach(file -> printer.println("wrote " + file));
        printer.flush();
        return 0;
    }

    private void validate() {
        if (text.isBlank()) {
            throw new InvalidJobParameterException("--text is empty; describe a shape, e.g. --text \"a tall cone on a flat box\"");
        }
        if (Tokenizer.tokenize(text).isEmpty()) {
            throw new InvalidJobParameterException("--text '" + text + "' has no words; describe a shape, e.g. "
                    + "--text \"a tall cone on a flat box\"");
        }
        if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION) {
            throw new InvalidJobParameterException("--resolution must be between " + MIN_RESOLUTION + " and " + MAX_RESOLUTION
                    + ", was " + resolution);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidJobParameterException("--out '" + out + "' is a file; expected a folder");
        }
    }
}
