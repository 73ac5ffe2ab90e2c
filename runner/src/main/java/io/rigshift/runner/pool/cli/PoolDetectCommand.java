package io.rigshift.runner.pool.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.node.HostNames;
import io.rigshift.runner.pool.PoolInventory;
import io.rigshift.runner.pool.PoolNames;
import io.rigshift.runner.pool.detect.CudaGpuDetector;
import io.rigshift.runner.pool.detect.DetectedGpu;
import io.rigshift.runner.pool.detect.GpuDetection;
import io.rigshift.runner.pool.detect.GpuDetector;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift pool detect}: registers this host's CUDA GPUs as a (real) node. */
@Command(name = "detect",
        description = {"Register this host's CUDA GPUs as a node of the pool (model and memory from nvidia-smi).",
            "On a host without GPUs it says so and adds nothing."})
public class PoolDetectCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", paramLabel = "NAME", description = "Node name (default: this host's name).")
    String node;

    private final GpuDetector detector;

    public PoolDetectCommand() {
        this(new CudaGpuDetector());
    }

    PoolDetectCommand(GpuDetector detector) {
        this.detector = detector;
    }

    @Override
    public Integer call() {
        String name = PoolNames.node(node != null ? node : HostNames.local().replaceAll("[^A-Za-z0-9._-]", "-"));
        PrintWriter out = spec.commandLine().getOut();
        GpuDetection detection = detector.detect();
        if (detection.gpus().isEmpty()) {
            out.println(detection.note() + "; nothing added");
            out.flush();
            return ExitCodes.OK;
        }
        try (Store store = homeOptions.openStore()) {
            PoolInventory inventory = new PoolInventory(store, Clock.systemUTC());
            if (inventory.node(name).isPresent()) {
                throw new UsageException("node '" + name + "' is already in the pool: 'rigshift pool remove " + name
                        + "' first to detect it again, or give --node another name");
            }
            // One add per run of identical devices keeps the CUDA index equal to the pool's device index.
            List<DetectedGpu> gpus = detection.gpus();
            int start = 0;
            for (int i = 1; i <= gpus.size(); i++) {
                if (i == gpus.size() || !sameKind(gpus.get(i), gpus.get(start))) {
                    inventory.add(name, gpus.get(start).model(), i - start, gpus.get(start).memoryGib(), false);
                    start = i;
                }
            }
            // Registration: this machine is that node from now on (leases on it are used here).
            io.rigshift.runner.node.NodeIdentity.register(homeOptions.home().ensureExists(), name);
            out.println(detection.note() + "; added to node " + name + " (this machine):");
            for (DetectedGpu gpu : gpus) {
                out.printf("  cuda:%d  %s  %d GiB%n", gpu.index(), gpu.model(), gpu.memoryGib());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static boolean sameKind(DetectedGpu a, DetectedGpu b) {
        return a.model().equals(b.model()) && a.memoryGib() == b.memoryGib();
    }
}
