package io.rigshift.runner.metering.host;

import java.util.List;

/** The devices a host offers, as the host report needs them: how many of a model on a node, since when. */
public interface DeviceInventory {

    /** Devices of one model on one node, in the inventory since {@code sinceMs} (epoch milliseconds). */
    record Entry(String node, String deviceModel, int deviceCount, long sinceMs) {
        public Entry {
            if (deviceCount < 0) {
                throw new IllegalArgumentException("device count must not be negative, got " + deviceCount);
            }
        }
    }

    /** All entries, in any order. */
    List<Entry> devices();
}
