package io.rigshift.datasets.mesh;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Speed of the inside test on a 100k-face mesh: tree ({@link WindingNumberTree}) against the exact sum
 * ({@link WindingNumber}), in points per second and face-point pairs per second, on one thread. Run by hand:
 * {@code java -cp datasets/target/classes:datasets/target/test-classes io.rigshift.datasets.mesh.WindingNumberBenchmark}.
 */
public final class WindingNumberBenchmark {

    private WindingNumberBenchmark() {
    }

    public static void main(String[] args) {
        Mesh sphere = TestMeshes.sphere(0.4, 225, 224);
        long built = System.nanoTime();
        WindingNumberTree tree = new WindingNumberTree(sphere);
        double buildSeconds = (System.nanoTime() - built) / 1e9;
        double[] points = new double[3 * 200_000];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < points.length; i++) {
            points[i] = random.nextDouble(-0.5, 0.5);
        }
        double sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm-up
            sink += tree.of(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
        }
        long started = System.nanoTime();
        int treePoints = points.length / 3;
        for (int i = 0; i < treePoints; i++) {
            sink += tree.of(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
        }
        double treeSeconds = (System.nanoTime() - started) / 1e9;
        int exactPoints = 200;
        started = System.nanoTime();
        for (int i = 0; i < exactPoints; i++) {
            sink += WindingNumber.of(sphere, points[3 * i], points[3 * i + 1], points[3 * i + 2]);
        }
        double exactSeconds = (System.nanoTime() - started) / 1e9;
        int faces = sphere.faceCount();
        System.out.printf(Locale.ROOT, "%d faces; tree built in %.2f s%n", faces, buildSeconds);
        System.out.printf(Locale.ROOT, "tree:  %.0f points/s = %.3g faces x points/s%n", treePoints / treeSeconds,
                (double) faces * treePoints / treeSeconds);
        System.out.printf(Locale.ROOT, "exact: %.0f points/s = %.3g faces x points/s%n", exactPoints / exactSeconds,
                (double) faces * exactPoints / exactSeconds);
        System.out.println("(checksum " + sink + ")");
    }
}
