package io.rigshift.runner.training;

import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.runner.node.NodeIdentity;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.pool.Lease;
import io.rigshift.runner.pool.LeaseOutcome;
import io.rigshift.runner.pool.LeaseRequest;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.pool.WaitPolicy;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a job runs: on devices leased from the pool ({@code --gpus N}), on the engine's
 * GPU, or on the CPU, said out loud. Holds the lease (if any) until the job ends; a reclaimed
 * lease closes its usage record through the ledger.
 */
public final class DeviceAllocation {

    private final DeviceAssignment devices;
    private final Optional<Lease> lease;
    private final LeaseService leases;
    private final String reason;

    private DeviceAllocation(DeviceAssignment devices, Optional<Lease> lease, LeaseService leases, String reason) {
        this.devices = devices;
        this.lease = lease;
        this.leases = leases;
        this.reason = reason;
    }

    /** What {@code train} / {@code resume} asked for. */
    public record Request(String tenant, DeviceChoice device, Integer gpus, String gpuModel, boolean noWait,
            String jobLabel) {
    }

    /**
     * Allocates devices for a request; may wait in the pool's queue (printing its position). A
     * lease the pool reclaims meanwhile closes its record in {@code ledger}.
     */
    public static DeviceAllocation allocate(Request request, RigshiftHome home, Store store, UsageLedger ledger,
            EngineSetup.EngineInfo engine, Clock clock, HeartbeatPolicy policy, PrintWriter out)
            throws InterruptedException {
        LeaseService leases = new LeaseService(store, clock, ProcessIdentity.current(), policy.leaseTimings(),
                io.rigshift.runner.pool.Sleeper.SYSTEM)
                .addReclaimListener(reclaimed -> ledger.closeReclaimedLease(reclaimed.leaseId()));
        if (request.gpus() != null) {
            if (request.device() == DeviceChoice.cpu) {
                throw new AllocationException("--gpus " + request.gpus() + " cannot run with --device cpu");
            }
            LeaseRequest leaseRequest = LeaseRequest.of(request.tenant(), request.gpus()).withJobLabel(request.jobLabel());
            if (request.gpuModel() != null) {
                leaseRequest = leaseRequest.withGpuModel(request.gpuModel());
            }
            WaitPolicy wait = request.noWait() ? WaitPolicy.noWait() : WaitPolicy.untilGranted().onWaiting(position -> {
                out.println("waiting: " + position);
                out.flush();
            });
            Lease lease = leases.acquire(leaseRequest, wait);
            if (lease.simulated()) {
                return new DeviceAllocation(DeviceAssignment.simulated(lease.deviceCount(),
                        lease.deviceCount() + " simulated " + lease.gpuModel() + " on " + lease.node()),
                        Optional.of(lease), leases, " (lease " + lease.id() + ")");
            }
            String here = NodeIdentity.of(home).orElse(null);
            if (!lease.node().equals(here)) {
                leases.release(lease.id(), LeaseOutcome.FAILED);
                throw new AllocationException("lease " + lease.id() + " is on node " + lease.node() + ", but this machine "
                        + (here == null ? "is not a registered node (set " + NodeIdentity.NODE_ENV
                                + " or run 'rigshift pool detect' here)" : "is node " + here)
                        + ": run the job on " + lease.node() + ", or ask for this node's GPUs");
            }
            if (engine.gpuCount() == 0) {
                leases.release(lease.id(), LeaseOutcome.FAILED);
                throw new AllocationException("node " + lease.node() + " declares real GPUs, but the " + engine.name()
                        + " engine sees no CUDA device on this machine");
            }
            return new DeviceAllocation(DeviceAssignment.gpus(lease.devices()), Optional.of(lease), leases,
                    " (lease " + lease.id() + " on " + lease.node() + ")");
        }
        return switch (request.device()) {
            case cpu -> new DeviceAllocation(DeviceAssignment.cpu(), Optional.empty(), leases, " (--device cpu)");
            case gpu -> {
                if (engine.gpuCount() == 0) {
                    throw new AllocationException("--device gpu: no CUDA GPU is available to the " + engine.name()
                            + " engine on this machine" + (leases.hasRealDevices() ? "" : " and the pool has no real GPU")
                            + " (use --device cpu or auto)");
                }
                yield new DeviceAllocation(DeviceAssignment.gpus(List.of(0)), Optional.empty(), leases, "");
            }
            case auto -> engine.gpuCount() > 0
                    ? new DeviceAllocation(DeviceAssignment.gpus(List.of(0)), Optional.empty(), leases, "")
                    : new DeviceAllocation(DeviceAssignment.cpu(), Optional.empty(), leases,
                            " (no CUDA GPU available: running on CPU)");
        };
    }

    /** A request the devices here cannot serve; the message says why in one line. */
    public static final class AllocationException extends IllegalArgumentException {
        AllocationException(String message) {
            super(message);
        }
    }

    public DeviceAssignment devices() {
        return devices;
    }

    public Optional<Lease> lease() {
        return lease;
    }

    /** The line that tells the user where the job runs. */
    public String describe() {
        return "device: " + devices.description() + reason;
    }

    /** Extends the lease; false when it was reclaimed meanwhile. */
    public boolean heartbeat() {
        return lease.map(l -> leases.heartbeat(l.id())).orElse(true);
    }

    /** Gives the devices back (once; later calls do nothing, as does a lease the pool reclaimed). */
    public void release(LeaseOutcome outcome) {
        lease.ifPresent(l -> leases.release(l.id(), outcome));
    }
}
