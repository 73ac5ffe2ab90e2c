package io.rigshift.jobs.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MatmulPrecisionTests {

    @Test
    /**
     * bf16 hands fp32 products to oneDNN, which may round their operands to bfloat16: on an Intel
     * CPU it did (largest difference about 0.05 here), on an AMD EPYC with avx512_bf16 and no AMX
     * it kept fp32 accuracy (3e-5) at twice MKL's rate. Either way the products differ from MKL's,
     * stay within bf16's error, and fp32 gives MKL's exact products back.
     */
    void bf16HandsFp32ProductsToAnotherKernelAndFp32RestoresExactProducts() {
        assumeTrue(Precision.BF16_CPU_FLAGS.stream().anyMatch(Precision.cpuFlags()::contains),
                "this CPU has no bf16 instructions");
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            NDArray a = manager.randomUniform(-1, 1, new Shape(512, 512));
            NDArray b = manager.randomUniform(-1, 1, new Shape(512, 512));
            float[] exact = a.matMul(b).toFloatArray();
            MatmulPrecision.use(Precision.BF16);
            float[] rounded;
            try {
                assertEquals(Precision.BF16, MatmulPrecision.current());
                rounded = a.matMul(b).toFloatArray();
            } finally {
                MatmulPrecision.use(Precision.FP32);
            }
            assertEquals(Precision.FP32, MatmulPrecision.current());
            assertArrayEquals(exact, a.matMul(b).toFloatArray());
            double worst = 0;
            for (int i = 0; i < exact.length; i++) {
                worst = Math.max(worst, Math.abs(exact[i] - rounded[i]));
            }
            // bf16 keeps 8 significant bits: products of 512 terms of size ~1 are off by ~1e-2 at most
            // that, fp32 by ~1e-5; bit-identical products would mean the setting took no effect.
            assertTrue(worst > 0 && worst < 0.5, "largest difference " + worst);
        }
    }
}
