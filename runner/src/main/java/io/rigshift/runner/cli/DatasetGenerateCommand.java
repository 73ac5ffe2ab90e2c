package io.rigshift.runner.cli;

import io.rigshift.datasets.manifest.ProceduralMeshExport;
import io.rigshift.datasets.shapes.ProceduralShapes;
import io.rigshift.datasets.shapes.Split;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift dataset generate}: procedural shapes written as a user dataset, to show its format. */
@Command(name = "generate",
        description = "Writes N procedural captioned shapes as closed OBJ meshes and a manifest.csv listing "
                + "them: a dataset in the format 'train --dataset' reads.")
public class DatasetGenerateCommand implements Callable<Integer> {

    /** Accepted like everywhere (it places the log file); this command reads no store. */
    @Mixin
    HomeOptions homeOptions;

    /** More than this is not an example any more, and takes minutes to write. */
    static final int MAX_COUNT = 10_000;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New or empty folder to write into.")
    Path out;

    @Option(names = "--count", required = true, paramLabel = "N", description = "Shapes to write, 1 to " + MAX_COUNT + ".")
    int count;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of the shapes (default 42).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (count <= 0 || count > MAX_COUNT) {
            throw new UsageException("--count must be between 1 and " + MAX_COUNT + ", was " + count);
        }
        requireNewOrEmptyFolder(out);
        Path manifest = new ProceduralMeshExport().export(new ProceduralShapes().generate(Split.TRAIN, count, seed), out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("wrote " + count + " OBJ mesh" + (count == 1 ? "" : "es") + " and " + manifest);
        printer.println("check it with: rigshift dataset validate " + manifest);
        printer.println("train on it with: rigshift train --tenant TENANT --dataset " + manifest);
        printer.flush();
        return ExitCodes.OK;
    }

    /** Refuses a file, or a folder with anything in it: generating must never overwrite a user's data. */
    private static void requireNewOrEmptyFolder(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UsageException("--out '" + folder + "' is a file; expected a new or empty folder");
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException("--out '" + folder + "' is not empty; choose a new or empty folder");
                }
            }
        }
    }
}
