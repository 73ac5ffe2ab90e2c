package io.rigshift.runner.cli;

import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.datasets.manifest.Manifest;
import io.rigshift.datasets.manifest.ManifestValidation;
import io.rigshift.datasets.mesh.MeshAcceptance;
import io.rigshift.datasets.mesh.MeshVerdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rigshift dataset validate MANIFEST}: a verdict on every file a manifest lists. */
@Command(name = "validate",
        description = {"Checks every file of a manifest (CSV 'caption,path[,split]', paths relative to its folder): "
                + "readable OBJ or binvox, not empty or degenerate, inside the manifest's folder.",
            "Open and non-manifold meshes are usable with a warning (inside decided by winding number); a mesh whose "
                + "winding number never reaches 0.5 (a lone open sheet) is not.",
            "Prints one verdict per file and a summary; exits 1 when any file is unusable."})
public class DatasetValidateCommand implements Callable<Integer> {

    /** Accepted like everywhere (it places the log file); this command reads no store. */
    @Mixin
    HomeOptions homeOptions;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest CSV file.")
    Path manifestFile;

    @Option(names = "--strict", description = "Only closed, manifold meshes are valid (every edge on two faces).")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Manifest manifest = DatasetManifests.read(manifestFile);
        ManifestValidation validation = manifest.validate(strict ? MeshAcceptance.WATERTIGHT
                : MeshAcceptance.WINDING_NUMBER);
        PrintWriter out = spec.commandLine().getOut();
        TextTable table = new TextTable("VERDICT", "FILE", "DETAIL");
        for (MeshVerdict verdict : validation.verdicts()) {
            String file = shown(manifest, verdict.file());
            // Readers name the file in their messages; show it as the manifest does.
            String detail = verdict.detail().startsWith(verdict.file() + ":")
                    ? file + verdict.detail().substring(verdict.file().toString().length()) : verdict.detail();
            table.row(verdict.kind().name() + (verdict.isWarning() ? " (usable)" : ""), file, detail);
        }
        table.print(out);
        out.println(validation.summary() + (validation.warnings().isEmpty() ? ""
                : "; " + validation.warnings().size() + " usable with a warning"));
        if (!validation.isValid()) {
            out.println(validation.invalid().size() + " invalid file(s): fix them, or train with --skip-invalid "
                    + "to leave them out" + (strict ? " (training accepts open and non-manifold meshes)" : ""));
        }
        out.flush();
        return validation.isValid() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** A file as the manifest names it: relative to the manifest's folder when inside it. */
    private static String shown(Manifest manifest, Path file) {
        return file.startsWith(manifest.folder()) && !file.equals(manifest.folder())
                ? manifest.folder().relativize(file).toString() : file.toString();
    }
}
