package io.rigshift.jobs.training;

import java.io.IOException;

/**
 * PyTorch's float32 matrix-multiply precision ({@code torch.set_float32_matmul_precision}), which
 * DJL does not expose: {@code highest} multiplies fp32 in fp32; {@code medium} lets oneDNN round
 * the operands of fp32 products to bfloat16 and accumulate in fp32 (AMX or AVX-512 BF16 on CPU;
 * where oneDNN keeps fp32 accuracy instead, as on an AMD EPYC without AMX, it is still its kernel,
 * not MKL's, that multiplies).
 * Set through the engine's own {@code at::Context}, found in the loaded {@code libtorch_cpu.so}.
 *
 * <p>The setting is process-wide, like the engine; one training per JVM drives it.
 */
public final class MatmulPrecision {

    // at::Float32MatmulPrecision { HIGHEST, HIGH, MEDIUM }
    private static final int HIGHEST = 0;
    private static final int MEDIUM = 2;

    private static final String SETTER = "_ZN2at7Context25setFloat32MatmulPrecisionENS_22Float32MatmulPrecisionE";
    private static final String GETTER = "_ZNK2at7Context22float32MatmulPrecisionEv";

    private static TorchContext context;

    private MatmulPrecision() {
    }

    /** Products of fp32 arrays in fp32 ({@link Precision#FP32}) or from bf16-rounded operands ({@link Precision#BF16}). */
    public static synchronized void use(Precision precision) {
        int wanted = precision == Precision.BF16 ? MEDIUM : HIGHEST;
        if (context == null) {
            if (wanted == HIGHEST) {
                return; // the engine's default; nothing to load
            }
            context = loadedTorch();
        }
        context.invokeVoid(SETTER, wanted);
    }

    /** The precision now in effect for fp32 products. */
    public static synchronized Precision current() {
        if (context == null) {
            return Precision.FP32;
        }
        return context.invokeInt(GETTER) == HIGHEST ? Precision.FP32 : Precision.BF16;
    }

    /** The context of the libtorch_cpu.so this process loaded (the engine must be started). */
    private static TorchContext loadedTorch() {
        try {
            return TorchContext.find()
                    .orElseThrow(() -> new Precision.UnsupportedPrecisionException("precision bf16 needs the PyTorch "
                            + "engine loaded from libtorch_cpu.so; none is loaded in this process: use precision fp32"));
        } catch (IOException e) {
            throw new Precision.UnsupportedPrecisionException("precision bf16 needs Linux (/proc/self/maps is "
                    + "unreadable: " + e.getMessage() + "): use precision fp32");
        }
    }
}
