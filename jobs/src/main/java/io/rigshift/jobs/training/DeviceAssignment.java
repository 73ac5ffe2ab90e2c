package io.rigshift.jobs.training;

import ai.djl.Device;
import java.util.List;

/**
 * The devices one training job runs on, and how its batch is split: into
 * {@code devices.size() * shardsPerDevice} equal shards, shard {@code s} on device
 * {@code s / shardsPerDevice}. Several shards on one device are the CPU replicas of a simulated
 * GPU node: the same math as one shard per GPU, run one after another.
 *
 * @param devices distinct devices, the first holds the main copy of the parameters
 * @param shardsPerDevice replicas per device (more than one only for simulated devices)
 * @param description what the user is told, e.g. "cpu" or "gpu(0,1)" or "cpu (2 simulated A40)"
 */
public record DeviceAssignment(List<Device> devices, int shardsPerDevice, String description) {

    public DeviceAssignment {
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one device");
        }
        if (devices.stream().distinct().count() != devices.size()) {
            throw new IllegalArgumentException("devices must be distinct: " + devices);
        }
        if (shardsPerDevice <= 0) {
            throw new IllegalArgumentException("shards per device must be positive, was " + shardsPerDevice);
        }
    }

    /** One CPU, one shard. */
    public static DeviceAssignment cpu() {
        return new DeviceAssignment(List.of(Device.cpu()), 1, "cpu");
    }

    /** The given GPUs, one shard each. */
    public static DeviceAssignment gpus(List<Integer> indexes) {
        return new DeviceAssignment(indexes.stream().map(Device::gpu).toList(), 1,
                "gpu" + indexes.toString().replace('[', '(').replace(']', ')').replace(" ", ""));
    }

    /** {@code replicas} CPU replicas standing in for the devices of a simulated node. */
    public static DeviceAssignment simulated(int replicas, String label) {
        return new DeviceAssignment(List.of(Device.cpu()), replicas, "cpu (" + label + ")");
    }

    /** Number of shards a batch is split into. */
    public int shards() {
        return devices.size() * shardsPerDevice;
    }

    public Device primary() {
        return devices.get(0);
    }

    public Device deviceOfShard(int shard) {
        return devices.get(shard / shardsPerDevice);
    }

    public boolean usesGpu() {
        return devices.stream().anyMatch(d -> d.isGpu());
    }
}
