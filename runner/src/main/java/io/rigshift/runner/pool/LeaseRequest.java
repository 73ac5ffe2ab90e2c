package io.rigshift.runner.pool;

import java.util.Objects;
import java.util.Optional;

/**
 * What a job asks the pool for: {@code gpus} devices on one node, of {@code gpuModel} if given
 * (matched without regard to case), for {@code tenant}; {@code jobLabel} is shown in the queue.
 */
public record LeaseRequest(String tenant, int gpus, Optional<String> gpuModel, String jobLabel) {

    /** The longest job label kept; longer ones are cut. */
    public static final int MAX_LABEL = 255;

    public LeaseRequest {
        PoolNames.tenant(tenant);
        Objects.requireNonNull(gpuModel, "gpuModel");
        gpuModel.ifPresent(PoolNames::gpuModel);
        if (gpus < 1) {
            throw new UnsatisfiableRequestException("--gpus " + gpus + " can never be granted: request at least 1 GPU");
        }
        jobLabel = jobLabel == null || jobLabel.isBlank() ? "-" : jobLabel.strip();
        if (jobLabel.length() > MAX_LABEL) {
            jobLabel = jobLabel.substring(0, MAX_LABEL);
        }
    }

    /** {@code gpus} devices of any model. */
    public static LeaseRequest of(String tenant, int gpus) {
        return new LeaseRequest(tenant, gpus, Optional.empty(), "-");
    }

    /** This request, restricted to one GPU model. */
    public LeaseRequest withGpuModel(String model) {
        return new LeaseRequest(tenant, gpus, Optional.of(model), jobLabel);
    }

    /** This request with a label that the queue shows (e.g. the job's name). */
    public LeaseRequest withJobLabel(String label) {
        return new LeaseRequest(tenant, gpus, gpuModel, label);
    }
}
