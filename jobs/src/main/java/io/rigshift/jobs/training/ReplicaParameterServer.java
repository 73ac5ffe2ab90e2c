package io.rigshift.jobs.training;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterServer;
import java.util.Map;

/**
 * Our own data-parallel update: gradients of every replica are summed on the first device and
 * averaged, and each replica's weights take the same averaged gradient through the same
 * {@link StatefulAdam} update, so all replicas stay identical. (DJL's built-in path sums instead of
 * averaging and advances Adam's step once per device.)
 *
 * <p>{@code shardsPerReplica} counts extra shards that ran backward on the same replica (simulated
 * replicas on one CPU), whose gradients the engine accumulated; they are averaged too.
 */
final class ReplicaParameterServer implements ParameterServer {

    private final StatefulAdam optimizer;
    private final Map<String, String> namesById;
    private long update;
    private int shardsPerReplica = 1;

    ReplicaParameterServer(StatefulAdam optimizer, Map<String, String> namesById) {
        this.optimizer = optimizer;
        this.namesById = namesById;
    }

    /** Sets the 1-based update number that the next round of updates applies. */
    void prepare(long update, int shardsPerReplica) {
        this.update = update;
        this.shardsPerReplica = shardsPerReplica;
    }

    @Override
    public void init(String parameterId, NDArray[] value) {
        // Weights start identical on every replica: the parameter store copies the initial value.
    }

    @Override
    public void update(String parameterId, NDArray[] params) {
        NDArray[] grads = new NDArray[params.length];
        try {
            for (int i = 0; i < params.length; i++) {
                grads[i] = params[i].getGradient();
            }
            update(parameterId, grads, params);
        } finally {
            for (NDArray grad : grads) {
                if (grad != null) {
                    grad.close();
                }
            }
        }
    }

    @Override
    public void update(String parameterId, NDArray[] grads, NDArray[] params) {
        String name = namesById.get(parameterId);
        float rescale = 1f / (params.length * shardsPerReplica);
        if (params.length == 1) {
            optimizer.update(name, params[0], grads[0], update, rescale);
            return;
        }
        ai.djl.Device first = params[0].getDevice();
        try (NDArray sum = grads[0].duplicate()) {
            for (int i = 1; i < grads.length; i++) {
                try (NDArray copy = grads[i].toDevice(first, true)) {
                    sum.addi(copy);
                }
            }
            for (NDArray param : params) {
                try (NDArray onDevice = sum.toDevice(param.getDevice(), true)) {
                    optimizer.update(name, param, onDevice, update, rescale);
                }
            }
        }
    }

    @Override
    public void close() {
        // Holds no resources: the optimizer's state belongs to its manager.
    }
}
