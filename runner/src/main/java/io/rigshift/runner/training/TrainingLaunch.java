package io.rigshift.runner.training;

import io.rigshift.jobs.text3d.job.JobEnvironment;
import io.rigshift.runner.batch.JobLauncherContext;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;

/**
 * What {@code train} and {@code resume} share: start the engine offline, allocate devices (pool
 * lease, GPU or CPU), meter the execution, and run it in a Spring Batch context.
 */
public final class TrainingLaunch {

    private TrainingLaunch() {
    }

    /** Runs one execution and returns the CLI's exit code. */
    public static int run(RigshiftHome home, Store store, DeviceAllocation.Request request, PrintWriter out,
            Function<JobLauncherContext, JobRun> launch) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        EngineSetup.EngineInfo engine = EngineSetup.start(home);
        UsageLedger ledger = new UsageLedger(store, clock);
        // Records of killed processes (a job being resumed, say) end at their last heartbeat now.
        ledger.closeStale();
        DeviceAllocation allocation = DeviceAllocation.allocate(request, store, ledger, engine, clock, out);
        out.println(allocation.describe());
        out.flush();
        ConsoleProgress progress = new ConsoleProgress(out, System.console() != null);
        try (UsageMeter meter = new UsageMeter(ledger, allocation, progress, clock)) {
            JobEnvironment environment = new JobEnvironment(home.root().resolve("jobs"), allocation.devices(), meter,
                    clock);
            try (JobLauncherContext context = JobLauncherContext.start(store, environment)) {
                context.registerListener(meter);
                return launch.apply(context).exitCode();
            }
        }
    }
}
