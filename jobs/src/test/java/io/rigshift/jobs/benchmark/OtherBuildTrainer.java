package io.rigshift.jobs.benchmark;

import io.rigshift.jobs.text3d.StepFlops;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard preset's trainer of another build (an earlier commit, or a candidate change), for a
 * before-and-after in one process: the classes of {@code ROOT/jobs/target/classes} and
 * {@code ROOT/datasets/target/classes} (a checkout built with {@code mvn -DskipTests package}),
 * loaded first for Rigshift's own packages and sharing this process's engine and libraries.
 * Driven by reflection through the methods both builds have: {@code Text3dSettings.standard}, {@code Text3dWorkload.procedural},
 * {@code OccupancyTrainer.of(..., DeviceAssignment.cpu())}, {@code step()} and
 * {@code StepFlops.of}.
 */
final class OtherBuildTrainer implements AutoCloseable {

    private static final String OWN_PACKAGES = "io.rigshift.";

    private final Object trainer;
    private final Method step;
    private final List<StepFlops.Product> products = new ArrayList<>();
    private final long flops;

    OtherBuildTrainer(Path root) {
        Path jobs = root.resolve("jobs/target/classes");
        Path datasets = root.resolve("datasets/target/classes");
        if (!Files.isDirectory(jobs) || !Files.isDirectory(datasets)) {
            throw new IllegalArgumentException("no build at " + root + ": " + jobs + " and " + datasets
                    + " must exist (check out the commit, then run mvn -q -B -DskipTests package there)");
        }
        try {
            ClassLoader loader = new OwnClassesFirst(new URL[] {jobs.toUri().toURL(), datasets.toUri().toURL()},
                    OtherBuildTrainer.class.getClassLoader());
            Class<?> settingsType = loader.loadClass("io.rigshift.jobs.text3d.Text3dSettings");
            Class<?> workloadType = loader.loadClass("io.rigshift.jobs.text3d.Text3dWorkload");
            Class<?> devicesType = loader.loadClass("io.rigshift.jobs.training.DeviceAssignment");
            Class<?> trainerType = loader.loadClass("io.rigshift.jobs.text3d.OccupancyTrainer");
            Object settings = settingsType.getMethod("standard", long.class, Integer.class, Integer.class,
                    Integer.class).invoke(null, 42L, 1, null, null);
            Object workload = workloadType.getMethod("procedural", settingsType).invoke(null, settings);
            Object devices = devicesType.getMethod("cpu").invoke(null);
            trainer = trainerType.getMethod("of", workloadType, settingsType, devicesType)
                    .invoke(null, workload, settings, devices);
            step = trainerType.getMethod("step");
            Object network = trainerType.getMethod("network").invoke(trainer);
            Object shape = network.getClass().getMethod("networkShape").invoke(network);
            Object plan = settingsType.getMethod("plan").invoke(settings);
            int shapes = (int) plan.getClass().getMethod("shapesPerBatch").invoke(plan);
            int points = (int) plan.getClass().getMethod("pointsPerShape").invoke(plan);
            Class<?> flopsType = loader.loadClass("io.rigshift.jobs.text3d.StepFlops");
            Object counted = flopsType.getMethod("of", shape.getClass(), int.class, int.class)
                    .invoke(null, shape, shapes, points);
            flops = (long) flopsType.getMethod("total").invoke(counted);
            for (Object product : (List<?>) flopsType.getMethod("products").invoke(counted)) {
                products.add(copy(product));
            }
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException("the build at " + root + " cannot be driven: " + cause, cause);
        }
    }

    /** The other build's product as this build's record (same components, by name). */
    private static StepFlops.Product copy(Object product) throws ReflectiveOperationException {
        RecordComponent[] mine = StepFlops.Product.class.getRecordComponents();
        Object[] values = new Object[mine.length];
        Class<?>[] types = new Class<?>[mine.length];
        for (int i = 0; i < mine.length; i++) {
            Object value = product.getClass().getMethod(mine[i].getName()).invoke(product);
            values[i] = value instanceof Enum<?> pass ? StepFlops.Pass.valueOf(pass.name()) : value;
            types[i] = mine[i].getType();
        }
        return StepFlops.Product.class.getDeclaredConstructor(types).newInstance(values);
    }

    void step() {
        try {
            step.invoke(trainer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the other build's step failed", e.getCause());
        }
    }

    /** The other build's own count of its step's FLOPs. */
    long flops() {
        return flops;
    }

    /** The other build's products, to time and weigh like this build's. */
    List<StepFlops.Product> products() {
        return products;
    }

    @Override
    public void close() {
        try {
            ((AutoCloseable) trainer).close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the other build's trainer failed", e);
        }
    }

    /** Loads Rigshift's own classes from its URLs before asking the parent; everything else from the parent. */
    private static final class OwnClassesFirst extends URLClassLoader {

        OwnClassesFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(OWN_PACKAGES)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException e) {
                        loaded = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
