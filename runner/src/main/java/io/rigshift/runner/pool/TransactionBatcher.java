package io.rigshift.runner.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs units of work from many threads of one process in shared write transactions: while one
 * transaction runs, the next units queue up and then run together in the following one. Grants
 * hold the pool lock until their commit (a WAL flush), so eight threads waiting to grant cost one
 * lock hold and one flush instead of eight. Each unit sees the writes of the units before it.
 */
final class TransactionBatcher {

    /** One caller's work and its outcome. */
    private static final class Unit {
        final Supplier<?> work;
        Object result;
        RuntimeException error;
        boolean done;

        Unit(Supplier<?> work) {
            this.work = work;
        }
    }

    private final TransactionTemplate transactions;
    private final List<Unit> queued = new ArrayList<>();
    private boolean running;

    TransactionBatcher(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code work} inside a write transaction, possibly together with other threads' work. */
    @SuppressWarnings("unchecked")
    <T> T run(Supplier<T> work) {
        Unit unit = new Unit(work);
        List<Unit> batch;
        synchronized (this) {
            queued.add(unit);
            boolean interrupted = false;
            while (running && !unit.done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // The unit may already be running in another thread's transaction: finish it.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (!unit.done) {
                running = true;
                batch = new ArrayList<>(queued);
                queued.clear();
            } else {
                batch = List.of();
            }
        }
        if (!batch.isEmpty()) {
            try {
                runAll(batch);
            } finally {
                synchronized (this) {
                    batch.forEach(u -> u.done = true);
                    running = false;
                    notifyAll();
                }
            }
        }
        if (unit.error != null) {
            throw unit.error;
        }
        return (T) unit.result;
    }

    private void runAll(List<Unit> batch) {
        try {
            transactions.executeWithoutResult(status -> batch.forEach(u -> u.result = u.work.get()));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).error = e;
                return;
            }
            // Rolled back for all: run each alone, so that only the unit that fails gets the error.
            for (Unit u : batch) {
                u.result = null;
                try {
                    transactions.executeWithoutResult(status -> u.result = u.work.get());
                } catch (RuntimeException alone) {
                    u.error = alone;
                }
            }
        }
    }
}
