package io.rigshift.runner.pool.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CudaGpuDetectorTests {

    @Test
    void readsModelAndMemoryFromNvidiaSmi() {
        assertThat(CudaGpuDetector.parseSmi("NVIDIA A40, 46068 MiB\nNVIDIA H100 80GB HBM3, 81559 MiB\n[N/A], [N/A]\n"))
                .containsExactly(new CudaGpuDetector.SmiGpu("NVIDIA A40", 46068),
                        new CudaGpuDetector.SmiGpu("NVIDIA H100 80GB HBM3", 81559));
    }

    @Test
    void turnsNvidiaNamesIntoPoolModelNames() {
        assertThat(CudaGpuDetector.modelName("NVIDIA H100 80GB HBM3")).isEqualTo("H100-80GB-HBM3");
        assertThat(CudaGpuDetector.modelName("NVIDIA A40")).isEqualTo("A40");
        assertThat(CudaGpuDetector.modelName("Tesla V100-SXM2-16GB")).isEqualTo("V100-SXM2-16GB");
        assertThat(CudaGpuDetector.modelName("NVIDIA GeForce RTX 4090")).isEqualTo("GeForce-RTX-4090");
    }
}
