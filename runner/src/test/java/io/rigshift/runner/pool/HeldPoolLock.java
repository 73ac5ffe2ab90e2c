package io.rigshift.runner.pool;

import static org.assertj.core.api.Assertions.fail;

import io.rigshift.runner.store.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * PostgreSQL's pool lock held by a connection of its own, as another process's grant holds it: a
 * pool write that takes the lock is seen waiting behind this connection until {@link #close()}.
 */
final class HeldPoolLock implements AutoCloseable {

    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final Connection connection;
    private final int pid;
    // Autocommit, so that each look at pg_stat_activity is fresh (a transaction keeps its first one).
    private final Connection probe;
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    private HeldPoolLock(Connection connection, int pid, Connection probe) {
        this.connection = connection;
        this.pid = pid;
        this.probe = probe;
    }

    static HeldPoolLock take(Store store) throws SQLException {
        Connection connection = store.dataSource().getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT id FROM pool_lock WHERE id = 1 FOR UPDATE").close();
            try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return new HeldPoolLock(connection, rs.getInt(1), store.dataSource().getConnection());
            }
        }
    }

    /**
     * Starts {@code write} in another thread and returns once the database shows it waiting for
     * this lock; fails if it finishes first, that is without taking the lock.
     */
    <T> Future<T> waitingWrite(Callable<T> write) throws Exception {
        Future<T> result = writer.submit(write);
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!blocksAnother()) {
            if (result.isDone()) {
                result.get();
                fail("the write finished while another connection held the pool lock");
            }
            if (System.nanoTime() > deadline) {
                fail("the write neither finished nor waited for the pool lock");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return result;
    }

    /** Ends the holding transaction, so that the waiting write goes on; returns the write's result. */
    <T> T release(Future<T> write) throws Exception {
        connection.rollback();
        return write.get(20, TimeUnit.SECONDS);
    }

    private boolean blocksAnother() throws SQLException {
        try (Statement statement = probe.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM pg_stat_activity "
                        + "WHERE " + pid + " = ANY (pg_blocking_pids(pid))")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Override
    public void close() throws SQLException {
        writer.shutdownNow();
        connection.rollback();
        connection.close();
        probe.close();
    }
}
