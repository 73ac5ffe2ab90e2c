package io.rigshift.jobs.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.rigshift.jobs.text3d.TrainingPlan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecisionTests {

    @Test
    void bf16IsRefusedInOneLineOnACpuWithoutBf16Instructions() {
        Precision.UnsupportedPrecisionException refused = assertThrows(Precision.UnsupportedPrecisionException.class,
                () -> Precision.BF16.requireSupported(List.of(Device.cpu()), Set.of("avx2", "avx512f", "fma")));
        assertEquals("precision bf16 needs a CUDA device or a CPU that reports avx512_bf16 or amx_bf16; this CPU "
                + "reports neither: use precision fp32", refused.getMessage());
    }

    @Test
    void bf16IsAcceptedWhereTheCpuReportsEitherFlagOrOnCuda() {
        assertDoesNotThrow(() -> Precision.BF16.requireSupported(List.of(Device.cpu()), Set.of("avx512_bf16")));
        assertDoesNotThrow(() -> Precision.BF16.requireSupported(List.of(Device.cpu()), Set.of("amx_bf16")));
        assertDoesNotThrow(() -> Precision.BF16.requireSupported(List.of(Device.gpu(0), Device.gpu(1)), Set.of()));
    }

    @Test
    void fp32RunsAnywhere() {
        assertDoesNotThrow(() -> Precision.FP32.requireSupported(List.of(Device.cpu()), Set.of()));
    }

    @Test
    void parsesItsLabelsAndNamesWhatIsAllowed() {
        assertEquals(Precision.BF16, Precision.parse("BF16"));
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp8"));
        assertTrue(refused.getMessage().contains("'fp8'") && refused.getMessage().contains("fp32 or bf16"));
    }

    @Test
    void aPlanWithoutPrecisionReadsAsFp32() {
        // A checkpoint written before the precision existed has none in its plan.
        assertEquals(Precision.FP32, new TrainingPlan(1, 1, 1, 1, 1e-3, null).precision());
        assertEquals(new TrainingPlan(1, 1, 1, 1, 1e-3), new TrainingPlan(1, 1, 1, 1, 1e-3, null));
    }

    @Test
    void cpuFlagsAreReadFromTheKernel() {
        // Every x86-64 Linux CPU reports sse2; elsewhere the set is empty and bf16 is refused on CPU.
        Set<String> flags = Precision.cpuFlags();
        assertTrue(flags.isEmpty() || flags.contains("sse2") || flags.contains("fp"), flags.toString());
    }
}
