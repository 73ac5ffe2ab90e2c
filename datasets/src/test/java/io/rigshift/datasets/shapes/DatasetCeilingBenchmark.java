package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Iou;
import io.rigshift.datasets.occupancy.UnitCubeGrid;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The best IoU any model could reach on the procedural dataset: a caption fixes a description, not the jitter, so a
 * perfect model can only predict where instances of that description tend to be. For each held-out shape this
 * builds {@code instances} other instances of its description, predicts the cells that at least half of them fill
 * (the majority shape, about the IoU-best prediction), and scores that against the held-out shape on the evaluation
 * grid.
 *
 * <p>Run: {@code java -cp datasets/target/classes:datasets/target/test-classes
 * io.rigshift.datasets.shapes.DatasetCeilingBenchmark [shapes] [instances]} after {@code mvn -pl datasets
 * test-compile}. Prints the ceiling per split and category.
 */
public final class DatasetCeilingBenchmark {

    private DatasetCeilingBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        UnitCubeGrid grid = new UnitCubeGrid(32);
        for (Split split : List.of(Split.VALIDATION, Split.NOVEL)) {
            List<CaptionedShape> shapes = new ProceduralShapes().generate(split, count, 7);
            Map<String, double[]> byCategory = new TreeMap<>();
            double total = 0;
            for (int s = 0; s < shapes.size(); s++) {
                ShapeDescription description = shapes.get(s).description();
                float[] share = new float[grid.cellCount()];
                for (int i = 0; i < instances; i++) {
                    Shape other = new ShapeGeometry(new SplittableRandom(1_000_003L * s + i)).build(description);
                    boolean[] cells = grid.occupancy(other);
                    for (int c = 0; c < cells.length; c++) {
                        share[c] += cells[c] ? 1f / instances : 0f;
                    }
                }
                double iou = Iou.of(share, 0.5f - 1e-6f, grid.occupancy(shapes.get(s).shape()));
                total += iou;
                String category = description.isComposite() ? "two parts"
                        : description.parts().get(0).size().word() + " " + description.parts().get(0).fill().name().toLowerCase();
                double[] sum = byCategory.computeIfAbsent(category, k -> new double[2]);
                sum[0] += iou;
                sum[1]++;
            }
            System.out.printf("%s: IoU ceiling %.3f over %d shapes (%d instances each, 32^3 grid)%n",
                    split.name().toLowerCase(), total / count, count, instances);
            byCategory.forEach((category, sum) -> System.out.printf("  %-14s %.3f  (%d shapes)%n", category,
                    sum[0] / sum[1], (int) sum[1]));
        }
    }
}
