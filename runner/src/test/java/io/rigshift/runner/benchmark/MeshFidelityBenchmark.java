package io.rigshift.runner.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.cli.ChildRigshift;
import io.rigshift.runner.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What opening a user's meshes costs the sample job. Writes {@code COUNT} procedural shapes as
 * closed OBJ meshes ({@code dataset generate}), copies them with the top {@code OPEN_PERCENT} % of
 * the faces (by centroid height) removed from every other mesh, so those have a hole where a lid or
 * a base would be, and trains the same model three times, each in its own JVM: on the procedural
 * generator directly, on the closed OBJ manifest and on the opened one (both with the same seeded
 * validation rows). Prints the validation IoU of each and the difference that opening makes.
 *
 * <p>Run (after {@code mvn -q -B -o -pl runner -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/bench.cp}):
 * {@code java -cp runner/target/test-classes:runner/target/classes:$(cat runner/target/bench.cp)
 * io.rigshift.runner.benchmark.MeshFidelityBenchmark 1024 40 10} (COUNT EPOCHS OPEN_PERCENT).
 */
public final class MeshFidelityBenchmark {

    private static final long SEED = 7;
    private static final long CHILD_SECONDS = 3600;

    private MeshFidelityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int openPercent = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path root = Files.createTempDirectory("rigshift-mesh-fidelity");
        Path closed = root.resolve("closed");
        CliRun generate = CliRun.of("dataset", "generate", "--out", closed.toString(), "--count", "" + count,
                "--seed", "42", "--home", root.resolve("generate-home").toString());
        require(generate);
        Path open = root.resolve("open");
        int opened = copyOpened(closed, open, openPercent);
        CliRun validate = CliRun.of("dataset", "validate", open.resolve("manifest.csv").toString(),
                "--home", root.resolve("generate-home").toString());
        long openWarnings = validate.out().lines().filter(l -> l.contains("OPEN")).count();
        System.out.printf("%d shapes, %d opened (top %d %% of faces removed); dataset validate: exit %d, %d OPEN "
                + "warnings%n", count, opened, openPercent, validate.exitCode(), openWarnings);

        List<String[]> rows = new ArrayList<>();
        rows.add(train(root, "procedural generator", List.of("--samples", "" + count), epochs));
        rows.add(train(root, "closed OBJ meshes", List.of("--dataset", closed.resolve("manifest.csv").toString()),
                epochs));
        rows.add(train(root, "opened OBJ meshes", List.of("--dataset", open.resolve("manifest.csv").toString()),
                epochs));
        System.out.printf("%-22s %8s %10s %8s %12s%n", "TRAINED ON", "STEPS", "SECONDS", "VAL_IOU", "SHUFFLED_IOU");
        for (String[] row : rows) {
            System.out.printf("%-22s %8s %10s %8s %12s%n", (Object[]) row);
        }
        double closedIou = Double.parseDouble(rows.get(1)[3]);
        double openIou = Double.parseDouble(rows.get(2)[3]);
        System.out.printf(Locale.ROOT, "opening %d of %d meshes changes validation IoU by %+.4f (%.4f -> %.4f)%n",
                opened, count, openIou - closedIou, closedIou, openIou);
    }

    /** Trains in a child JVM (one training per JVM), then reads its evaluation. */
    private static String[] train(Path root, String label, List<String> data, int epochs) throws Exception {
        Path home = root.resolve(label.replaceAll("[^a-z]+", "-"));
        List<String> args = new ArrayList<>(List.of("train", "--tenant", "bench", "--seed", "" + SEED,
                "--epochs", "" + epochs, "--device", "cpu", "--home", home.toString()));
        args.addAll(data);
        long started = System.nanoTime();
        ChildRigshift run = ChildRigshift.start(home.resolve("bench-logs"), "train", args.toArray(String[]::new));
        int code = run.waitFor(CHILD_SECONDS);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        if (code != 0) {
            throw new IllegalStateException(label + ": train exited " + code + ": " + run.out() + run.err());
        }
        CliRun evaluate = CliRun.of("evaluate", "--job", "1", "--format", "json", "--home", home.toString());
        require(evaluate);
        JsonNode report = new ObjectMapper().readTree(evaluate.out());
        CliRun status = CliRun.of("status", "1", "--format", "json", "--home", home.toString());
        require(status);
        JsonNode job = new ObjectMapper().readTree(status.out());
        String steps = job.path("global_step").asText("?");
        return new String[] {label, steps, "" + seconds, String.format(Locale.ROOT, "%.4f",
                report.get("val_iou").asDouble()), String.format(Locale.ROOT, "%.4f",
                report.get("shuffled_caption_iou").asDouble())};
    }

    /**
     * Copies the dataset; from every other mesh removes the faces whose centroids are highest (the
     * given percentage of them). Returns how many meshes were opened.
     */
    static int copyOpened(Path from, Path to, int percent) throws IOException {
        Files.createDirectories(to);
        List<Path> files;
        try (var listing = Files.list(from)) {
            files = listing.sorted().toList();
        }
        int opened = 0;
        int meshes = 0;
        for (Path file : files) {
            Path target = to.resolve(file.getFileName().toString());
            if (!file.toString().endsWith(".obj")) {
                Files.copy(file, target);
                continue;
            }
            if (meshes++ % 2 == 0) {
                Files.writeString(target, withoutTopFaces(Files.readAllLines(file), percent));
                opened++;
            } else {
                Files.copy(file, target);
            }
        }
        return opened;
    }

    /** An OBJ without the given percentage of its faces, those with the highest centroid y. */
    static String withoutTopFaces(List<String> lines, int percent) {
        List<double[]> vertices = new ArrayList<>();
        List<Integer> faces = new ArrayList<>();
        List<Double> heights = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split("\\s+");
            if (parts[0].equals("v")) {
                vertices.add(new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])});
            } else if (parts[0].equals("f")) {
                double y = 0;
                for (int k = 1; k < parts.length; k++) {
                    int index = Integer.parseInt(parts[k].split("/")[0]);
                    y += vertices.get(index > 0 ? index - 1 : vertices.size() + index)[1];
                }
                faces.add(i);
                heights.add(y / (parts.length - 1));
            }
        }
        int remove = faces.size() * percent / 100;
        List<Integer> byHeight = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            byHeight.add(f);
        }
        byHeight.sort(Comparator.comparingDouble(heights::get).reversed());
        boolean[] drop = new boolean[lines.size()];
        for (int r = 0; r < remove; r++) {
            drop[faces.get(byHeight.get(r))] = true;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (!drop[i]) {
                out.append(lines.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    private static void require(CliRun run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException("exit " + run.exitCode() + ": " + run.out() + run.err());
        }
    }
}
