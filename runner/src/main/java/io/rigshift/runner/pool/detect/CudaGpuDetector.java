package io.rigshift.runner.pool.detect;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Finds CUDA GPUs the way training will see them: the device count from DJL (the CUDA runtime,
 * else the engine), model names and memory from {@code nvidia-smi} when it is installed. The engine
 * (which loads PyTorch's native library, seconds) starts only when nvidia-smi lists GPUs that the
 * CUDA runtime does not show, so a host without GPUs answers at once.
 */
public final class CudaGpuDetector implements GpuDetector {

    /** One line of {@code nvidia-smi --query-gpu=name,memory.total --format=csv,noheader}. */
    record SmiGpu(String name, int memoryMib) {
    }

    /** How many GPUs {@code nvidia-smi} lists (0 without a driver); loads no native library. */
    public static int nvidiaSmiCount() {
        return nvidiaSmi().size();
    }

    @Override
    public GpuDetection detect() {
        List<SmiGpu> smi = nvidiaSmi();
        int runtime = count(CudaUtils::getGpuCount);
        int engine = runtime == 0 && !smi.isEmpty() ? count(() -> Engine.getInstance().getGpuCount()) : 0;
        int count = Math.max(runtime, engine);
        if (count == 0) {
            return new GpuDetection(List.of(), smi.isEmpty()
                    ? "no CUDA GPU found: no nvidia-smi, and the CUDA runtime reports no device"
                    : "nvidia-smi lists " + smi.size() + " GPU(s) but the engine sees none: this build has the "
                            + "CPU-only PyTorch (build with -Pcuda), or the CUDA driver does not match");
        }
        List<DetectedGpu> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i < smi.size()) {
                gpus.add(new DetectedGpu(i, modelName(smi.get(i).name()), gib(smi.get(i).memoryMib() * 1024L * 1024L)));
            } else {
                gpus.add(new DetectedGpu(i, "CUDA-sm" + CudaUtils.getComputeCapability(i),
                        gib(CudaUtils.getGpuMemory(Device.gpu(i)).getMax())));
            }
        }
        return new GpuDetection(gpus, count + " CUDA GPU(s) seen by " + (runtime > 0 ? "the CUDA runtime" : "the engine")
                + (smi.isEmpty() ? "" : ", named by nvidia-smi"));
    }

    /**
     * A pool model name from nvidia-smi's: vendor words dropped, spaces to dashes
     * ({@code NVIDIA H100 80GB HBM3} to {@code H100-80GB-HBM3}).
     */
    static String modelName(String smiName) {
        String name = smiName.strip().replaceFirst("(?i)^NVIDIA\\s+", "").replaceFirst("(?i)^Tesla\\s+", "");
        name = name.replaceAll("\\s+", "-").replaceAll("[^A-Za-z0-9._-]", "");
        name = name.replaceFirst("^[^A-Za-z0-9]+", "");
        if (name.isEmpty()) {
            return "CUDA";
        }
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** Parses nvidia-smi's CSV lines ({@code NVIDIA A40, 46068 MiB}); skips lines it cannot read. */
    static List<SmiGpu> parseSmi(String csv) {
        List<SmiGpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            int comma = line.lastIndexOf(',');
            if (comma < 0) {
                continue;
            }
            String memory = line.substring(comma + 1).replaceAll("(?i)mib", "").strip();
            try {
                gpus.add(new SmiGpu(line.substring(0, comma).strip(), Integer.parseInt(memory)));
            } catch (NumberFormatException e) {
                // "[N/A]" and the like: not a GPU line we can use.
            }
        }
        return gpus;
    }

    private static int gib(long bytes) {
        return (int) Math.max(1, Math.round(bytes / (1024.0 * 1024 * 1024)));
    }

    private static int count(IntSupplier source) {
        try {
            return Math.max(0, source.getAsInt());
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    private static List<SmiGpu> nvidiaSmi() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return List.of();
            }
            return parseSmi(output);
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
