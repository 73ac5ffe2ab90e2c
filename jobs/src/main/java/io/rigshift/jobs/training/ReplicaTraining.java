package io.rigshift.jobs.training;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a block mirrored on every assigned device, and the averaged update that keeps
 * the mirrors identical (see {@link ReplicaParameterServer}).
 */
public final class ReplicaTraining {

    private final ParameterStore store;
    private final ReplicaParameterServer server;
    private final DeviceAssignment devices;

    public ReplicaTraining(Block block, StatefulAdam optimizer, DeviceAssignment devices, NDManager manager) {
        Map<String, String> namesById = new HashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            namesById.put(parameter.getValue().getId(), parameter.getKey());
        }
        this.devices = devices;
        this.server = new ReplicaParameterServer(optimizer, namesById);
        this.store = new ParameterStore(manager, false);
        store.setParameterServer(server, devices.devices().toArray(ai.djl.Device[]::new));
    }

    /** The store every training forward pass reads parameters from. */
    public ParameterStore parameterStore() {
        return store;
    }

    /** Applies the 1-based update {@code update} with the gradients that backward left. */
    public void update(long update) {
        server.prepare(update, devices.shardsPerDevice());
        store.updateAllParameters();
    }
}
