package io.rigshift.jobs.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;

/**
 * Adam / AdamW whose whole state can be saved and restored, so a resumed run continues exactly.
 *
 * <p>DJL's built-in Adam keys its moments by parameter ids that are new UUIDs in every process and
 * cannot export them. This one keys first and second moments by (stable parameter name, device),
 * takes the step number from the caller (a function of the global step, never of time), and runs
 * the engine's fused Adam kernel, the same one the built-in uses. The kernel zeroes the weight's
 * gradient after the update.
 *
 * <p>Not thread-safe: one training loop drives it.
 */
public final class StatefulAdam {

    private final LongToDoubleFunction learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final boolean decoupledWeightDecay;
    private final NDManager stateManager;
    private final Map<String, Map<Device, NDArray[]>> moments = new TreeMap<>();

    /**
     * @param learningRate the learning rate of a 1-based update number
     * @param weightDecay decoupled (AdamW) weight decay when {@code decoupledWeightDecay}, else L2
     * @param stateManager owns the moments; closes them when it closes
     */
    public StatefulAdam(LongToDoubleFunction learningRate, float beta1, float beta2, float epsilon,
            float weightDecay, boolean decoupledWeightDecay, NDManager stateManager) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupledWeightDecay = decoupledWeightDecay;
        this.stateManager = stateManager;
    }

    /**
     * Applies update number {@code update} (1-based) to one weight.
     *
     * @param rescaleGrad factor applied to the gradient first (1 / replicas to average shards)
     */
    public void update(String name, NDArray weight, NDArray grad, long update, float rescaleGrad) {
        double lr = learningRate.applyAsDouble(update);
        double coef1 = 1.0 - Math.pow(beta1, update);
        double coef2 = 1.0 - Math.pow(beta2, update);
        float biasCorrected = (float) (lr * Math.sqrt(coef2) / coef1);
        NDArray[] state = moments.computeIfAbsent(name, k -> new HashMap<>())
                .computeIfAbsent(weight.getDevice(), d -> newState(weight));
        weight.getNDArrayInternal().adamUpdate(
                new NDList(weight, grad, state[0], state[1]), new NDList(weight),
                (float) lr, biasCorrected, weightDecay, rescaleGrad, Float.MAX_VALUE,
                beta1, beta2, epsilon, true, decoupledWeightDecay);
    }

    private NDArray[] newState(NDArray weight) {
        NDManager manager = stateManager.getDevice().equals(weight.getDevice())
                ? stateManager : stateManager.newSubManager(weight.getDevice());
        return new NDArray[] {manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()),
            manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice())};
    }

    /**
     * A copy that owns its memory. (On the same device PyTorch's {@code to()} returns an alias, and
     * decoded arrays alias a Java buffer that is freed once they close: the moments must be cloned.)
     */
    private static NDArray ownedCopy(NDArray source, Device device, NDManager owner) {
        NDArray copy = source.duplicate().toDevice(device, false);
        copy.attach(owner);
        return copy;
    }

    /** Names of the weights that have state, in a stable (sorted) order. */
    public List<String> stateNames() {
        return new ArrayList<>(moments.keySet());
    }

    /**
     * The moments of the first device of every weight, in {@link #stateNames()} order (mean then
     * variance per weight), copied to CPU into {@code target}.
     */
    public NDList exportState(NDManager target) {
        NDList out = new NDList();
        for (Map.Entry<String, Map<Device, NDArray[]>> entry : moments.entrySet()) {
            NDArray[] state = entry.getValue().values().iterator().next();
            for (NDArray moment : state) {
                NDArray copy = moment.toDevice(Device.cpu(), true);
                copy.attach(target);
                copy.setName(entry.getKey());
                out.add(copy);
            }
        }
        return out;
    }

    /** Restores moments saved by {@link #exportState} for weights living on {@code devices}. */
    public void importState(List<String> names, NDList state, List<Device> devices) {
        if (state.size() != 2 * names.size()) {
            throw new IllegalArgumentException("optimizer state holds " + state.size()
                    + " arrays for " + names.size() + " weights");
        }
        for (int i = 0; i < names.size(); i++) {
            Map<Device, NDArray[]> perDevice = moments.computeIfAbsent(names.get(i), k -> new HashMap<>());
            for (Device device : devices) {
                NDManager manager = stateManager.newSubManager(device);
                NDArray mean = ownedCopy(state.get(2 * i), device, manager);
                NDArray variance = ownedCopy(state.get(2 * i + 1), device, manager);
                perDevice.put(device, new NDArray[] {mean, variance});
            }
        }
    }
}
