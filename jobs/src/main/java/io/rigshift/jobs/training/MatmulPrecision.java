package io.rigshift.jobs.training;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    private static Pointer context;
    private static Function setter;
    private static Function getter;

    private MatmulPrecision() {
    }

    /** Products of fp32 arrays in fp32 ({@link Precision#FP32}) or from bf16-rounded operands ({@link Precision#BF16}). */
    public static synchronized void use(Precision precision) {
        int wanted = precision == Precision.BF16 ? MEDIUM : HIGHEST;
        if (setter == null) {
            if (wanted == HIGHEST) {
                return; // the engine's default; nothing to load
            }
            bind();
        }
        setter.invokeVoid(new Object[] {context, wanted});
    }

    /** The precision now in effect for fp32 products. */
    public static synchronized Precision current() {
        if (getter == null) {
            return Precision.FP32;
        }
        return getter.invokeInt(new Object[] {context}) == HIGHEST ? Precision.FP32 : Precision.BF16;
    }

    private static void bind() {
        String library = loadedTorch();
        NativeLibrary torch = NativeLibrary.getInstance(library);
        context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
        setter = torch.getFunction("_ZN2at7Context25setFloat32MatmulPrecisionENS_22Float32MatmulPrecisionE");
        getter = torch.getFunction("_ZNK2at7Context22float32MatmulPrecisionEv");
    }

    /** The path of the libtorch_cpu.so this process loaded (the engine must be started). */
    private static String loadedTorch() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith("/libtorch_cpu.so"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .findFirst()
                    .orElseThrow(() -> new Precision.UnsupportedPrecisionException("precision bf16 needs the PyTorch "
                            + "engine loaded from libtorch_cpu.so; none is loaded in this process: use precision fp32"));
        } catch (IOException e) {
            throw new Precision.UnsupportedPrecisionException("precision bf16 needs Linux (/proc/self/maps is "
                    + "unreadable: " + e.getMessage() + "): use precision fp32");
        }
    }
}
