package io.rigshift.runner.training;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import io.rigshift.jobs.training.NativeAllocator;
import io.rigshift.runner.store.RigshiftHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine offline: natives come from the jar on the classpath and are
 * extracted into the home's cache; nothing is ever downloaded. Read commands never call this.
 */
public final class EngineSetup {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSetup.class);

    private EngineSetup() {
    }

    /** What the engine can do, as recorded in the log at start-up. */
    public record EngineInfo(String name, String version, boolean cuda, int gpuCount) {

        /** The DJL and engine versions checkpoints record. */
        public String[] versions() {
            return new String[] {name.equals(NONE) ? "-" : Engine.getDjlVersion(), version};
        }
    }

    static final String NONE = "none";

    /**
     * For job types that run no engine in this process (a command): GPUs as the driver reports
     * them ({@code nvidia-smi}), without loading any native library.
     */
    public static EngineInfo withoutEngine() {
        int gpus = io.rigshift.runner.pool.detect.CudaGpuDetector.nvidiaSmiCount();
        return new EngineInfo(NONE, "-", gpus > 0, gpus);
    }

    /**
     * Sets offline mode, the cache folder and thread count, tunes the native allocator for training
     * ({@link NativeAllocator}), then starts the engine.
     */
    public static EngineInfo start(RigshiftHome home) {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", home.djlCache().toString());
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads",
                    Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        NativeAllocator.keepFreedMemory();
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            LOG.error("cannot start the PyTorch engine", e);
            throw new EngineUnavailableException("cannot load the PyTorch native library (expected in the jar "
                    + "ai.djl.pytorch:pytorch-native-cpu:2.5.1:linux-x86_64; this Rigshift runs on linux-x86_64 "
                    + "only): " + firstLine(e), e);
        }
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        EngineInfo info = new EngineInfo(engine.getEngineName(), engine.getVersion(), cuda,
                cuda ? engine.getGpuCount() : 0);
        LOG.info("engine {} {} (DJL {}): CUDA {}, {} GPU(s), {} threads", info.name(), info.version(),
                Engine.getDjlVersion(), cuda ? "available" : "not available", info.gpuCount(),
                System.getProperty("ai.djl.pytorch.num_threads"));
        return info;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The engine cannot start here; the message says why in one line. */
    public static final class EngineUnavailableException extends RuntimeException {
        EngineUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
