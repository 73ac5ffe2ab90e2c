package io.rigshift.jobs.training;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes subnormal floats to zero (the x86 FTZ and DAZ bits, through the engine's
 * {@code at::Context::setFlushDenormal}, as {@code torch.set_flush_denormal(True)} does).
 *
 * <p>Why: late in a training run some of Adam's first moments decay geometrically toward zero
 * (weights whose gradient stays zero) and pass through the subnormal range, and every Intel
 * multiply or add that meets a subnormal takes a microcode assist. On the Intel machine of
 * issue 15 the sample job's step went from 68 ms (first 750 steps) to 95-104 ms, and 120 ms
 * resumed at step 6,400; flushed, 64.5 ms there. Values under 1.2e-38 become zero: no result the
 * job reports moves by a measurable amount, and a run stays deterministic.
 *
 * <p>The bits belong to a thread. The engine's intra-op (OpenMP) threads copy them from the thread
 * that first runs a parallel operation, when they are created, so call this on the training thread
 * before its first engine operation. Java arithmetic on that thread flushes subnormals too, which
 * nothing the job computes in Java depends on (billing is integer milliseconds and BigDecimal).
 */
public final class Denormals {

    private static final Logger LOG = LoggerFactory.getLogger(Denormals.class);

    private Denormals() {
    }

    /**
     * Flushes subnormals on this thread (and the engine threads it goes on to start). Returns
     * whether the processor supports it and the engine is PyTorch's.
     */
    public static boolean flushOnThisThread() {
        return set(true);
    }

    /** Back to IEEE gradual underflow on this thread (engine threads already started keep flushing). */
    public static void keepOnThisThread() {
        set(false);
    }

    private static boolean set(boolean flush) {
        try {
            var context = TorchContext.find();
            if (context.isEmpty()) {
                LOG.debug("no libtorch_cpu.so loaded: subnormals are not flushed");
                return false;
            }
            // static bool at::Context::setFlushDenormal(bool): true where the processor has the bits.
            return (context.get().invokeStaticInt("_ZN2at7Context16setFlushDenormalEb", (byte) (flush ? 1 : 0))
                    & 0xff) != 0;
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("cannot set the flushing of subnormals: {}", e.toString());
            return false;
        }
    }
}
