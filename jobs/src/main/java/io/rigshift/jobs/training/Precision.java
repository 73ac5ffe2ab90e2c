package io.rigshift.jobs.training;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The arithmetic of a training step's matrix products. {@link #FP32} by default; {@link #BF16}
 * lets oneDNN compute every fp32 product of the step (forward and backward) from bfloat16-rounded
 * operands, accumulating in fp32 ({@link MatmulPrecision}); parameters, gradients, optimizer state
 * and all element-wise work stay fp32. (Whether oneDNN rounds depends on the CPU: on an AMD EPYC
 * with avx512_bf16 and no AMX its products kept fp32 accuracy, at twice MKL's fp32 rate.) It only
 * pays where the hardware multiplies bfloat16 natively: a CPU that reports {@code avx512_bf16} or
 * {@code amx_bf16}, or a CUDA device.
 */
public enum Precision {
    FP32,
    BF16;

    /** CPU flags (as in {@code /proc/cpuinfo}) any one of which makes bf16 native on a CPU. */
    public static final List<String> BF16_CPU_FLAGS = List.of("avx512_bf16", "amx_bf16");

    /** The parameter's spelling: {@code fp32} or {@code bf16}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fp32} or {@code bf16} (any case). */
    public static Precision parse(String text) {
        for (Precision precision : values()) {
            if (precision.label().equalsIgnoreCase(text.trim())) {
                return precision;
            }
        }
        throw new IllegalArgumentException("precision '" + text + "' is not valid: expected fp32 or bf16");
    }

    /**
     * Refuses a precision these devices cannot run natively, in one line that names what is missing.
     *
     * @param cpuFlags the flags the CPU reports (see {@link #cpuFlags()})
     */
    public void requireSupported(List<Device> devices, Set<String> cpuFlags) {
        if (this == FP32) {
            return;
        }
        for (Device device : devices) {
            if (!device.isGpu() && BF16_CPU_FLAGS.stream().noneMatch(cpuFlags::contains)) {
                throw new UnsupportedPrecisionException("precision bf16 needs a CUDA device or a CPU that reports "
                        + String.join(" or ", BF16_CPU_FLAGS) + "; this CPU reports neither: use precision fp32");
            }
        }
    }

    /** The flags of this machine's first CPU from {@code /proc/cpuinfo}; empty where there is none (not Linux). */
    public static Set<String> cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toUnmodifiableSet()))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** A precision the devices cannot run; the message says what is missing and what to use. */
    public static final class UnsupportedPrecisionException extends IllegalArgumentException {
        public UnsupportedPrecisionException(String message) {
            super(message);
        }
    }
}
