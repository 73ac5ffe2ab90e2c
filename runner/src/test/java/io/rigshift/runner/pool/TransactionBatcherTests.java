package io.rigshift.runner.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** Grant work of many threads shares transactions: who waits, who runs, and who gets which error. */
class TransactionBatcherTests {

    /** Numbers its transactions and records how each ended. */
    private static final class Transactions extends AbstractPlatformTransactionManager {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger begun = new AtomicInteger();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun.incrementAndGet();
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            log.add("commit " + current());
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            log.add("rollback " + current());
        }

        int current() {
            return begun.get();
        }
    }

    private final Transactions transactions = new Transactions();
    private final TransactionBatcher batcher = new TransactionBatcher(new TransactionTemplate(transactions));
    private final ExecutorService threads = Executors.newFixedThreadPool(3);
    private final CountDownLatch finishFirst = new CountDownLatch(1);
    /** The threads that called the batcher while the first transaction runs. */
    private final List<Thread> waiting = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void workQueuedWhileATransactionRunsRunsTogetherInTheNextOne() throws Exception {
        Future<String> first = firstTransactionRunning();
        Future<String> second = threads.submit(() -> inTransaction("second"));
        Future<String> third = threads.submit(() -> inTransaction("third"));
        awaitWaiting(2);

        finishFirst.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first in 1");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second in 2");
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("third in 2");
        assertThat(transactions.log).containsExactly("commit 1", "commit 2");
        assertThat(threads.submit(() -> batcher.run(() -> "after")).get(10, TimeUnit.SECONDS))
                .as("the batcher is free again").isEqualTo("after");
    }

    @Test
    void aFailingUnitAloneGetsItsError() {
        assertThatThrownBy(() -> batcher.run(() -> {
            throw new IllegalStateException("pool changed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("pool changed");
        assertThat(transactions.log).containsExactly("rollback 1");
        assertThat(batcher.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void whenOneUnitOfABatchFailsEachRunsAgainAloneAndOnlyThatOneGetsTheError() throws Exception {
        Future<String> first = firstTransactionRunning();
        Future<String> good = threads.submit(() -> inTransaction("good"));
        awaitWaiting(1);
        Future<String> bad = threads.submit(() -> {
            waiting.add(Thread.currentThread());
            return batcher.run(() -> {
                throw new IllegalStateException("bad in " + transactions.current());
            });
        });
        awaitWaiting(2);

        finishFirst.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first in 1");
        assertThat(good.get(10, TimeUnit.SECONDS)).as("run again alone").isEqualTo("good in 3");
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).rootCause()
                .isInstanceOf(IllegalStateException.class).hasMessage("bad in 4");
        assertThat(transactions.log).containsExactly("commit 1", "rollback 2", "commit 3", "rollback 4");
    }

    @Test
    void anInterruptedWaiterStillGetsItsWorkDoneAndKeepsItsInterrupt() throws Exception {
        Future<String> first = firstTransactionRunning();
        CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
        Future<String> second = threads.submit(() -> {
            String result = inTransaction("second");
            interruptKept.complete(Thread.currentThread().isInterrupted());
            return result;
        });
        awaitWaiting(1);
        waiting.get(0).interrupt();
        // The interrupt does not end the wait: the second unit waits until the first transaction is over.
        awaitWaiting(1);
        assertThat(second.isDone()).isFalse();

        finishFirst.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first in 1");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second in 2");
        assertThat(interruptKept.get(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Starts a unit that holds the first transaction open until {@code finishFirst}; returns once it runs. */
    private Future<String> firstTransactionRunning() throws InterruptedException {
        CountDownLatch firstRunning = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> batcher.run(() -> {
            firstRunning.countDown();
            await(finishFirst);
            return "first in " + transactions.current();
        }));
        if (!firstRunning.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the first unit did not start");
        }
        return first;
    }

    private String inTransaction(String name) {
        waiting.add(Thread.currentThread());
        Supplier<String> work = () -> name + " in " + transactions.current();
        return batcher.run(work);
    }

    /** Returns once {@code count} threads have registered and all of them wait on the batcher's monitor. */
    private void awaitWaiting(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (waiting.size() == count && waiting.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("threads did not queue: " + waiting.stream().map(Thread::getState).toList());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
