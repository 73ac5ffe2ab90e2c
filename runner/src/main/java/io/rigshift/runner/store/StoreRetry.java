package io.rigshift.runner.store;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Retries store writes through a store outage shorter than a lease's time-to-live (SQLite locked
 * by another process past its busy timeout, PostgreSQL restarting), with Spring's own
 * {@link RetryTemplate}. Only transient errors are retried: a constraint violation or an
 * optimistic-locking conflict fails at once.
 */
public final class StoreRetry {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);

    private final RetryTemplate template;

    /** Retries for up to {@code patience}, waiting 0.5 s, then twice as long each time, at most 5 s. */
    public StoreRetry(Duration patience) {
        this(patience, () -> { });
    }

    /**
     * As {@link #StoreRetry(Duration)}, running {@code beforeRetry} after each failure: the store
     * evicts its pooled connections there, since a connection that met the outage may be broken
     * (SQLite's driver, for one, loses its transaction when the BEGIN after a COMMIT meets SQLITE_BUSY).
     */
    public StoreRetry(Duration patience, Runnable beforeRetry) {
        RetryPolicy policy = RetryPolicy.builder().predicate(StoreRetry::isTransient).maxRetries(Long.MAX_VALUE)
                .timeout(patience).delay(Duration.ofMillis(500)).multiplier(2).maxDelay(Duration.ofSeconds(5)).build();
        this.template = new RetryTemplate(policy);
        template.setRetryListener(new RetryListener() {
            @Override
            public void onRetryFailure(RetryPolicy retryPolicy, Retryable<?> retryable, Throwable failure) {
                LOG.warn("store unavailable during {} ({}); retrying", retryable.getName(), firstLine(failure));
                beforeRetry.run();
            }

            @Override
            public void onRetrySuccess(RetryPolicy retryPolicy, Retryable<?> retryable, Object result) {
                LOG.info("store back: {} went through", retryable.getName());
            }
        });
    }

    /** Runs {@code work}, retrying it on transient store errors; the last error if it never went through. */
    public <T> T call(String what, Supplier<T> work) {
        try {
            return template.execute(new Retryable<T>() {
                @Override
                public T execute() {
                    return work.get();
                }

                @Override
                public String getName() {
                    return what;
                }
            });
        } catch (RetryException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException(what + " failed: " + firstLine(cause), cause);
        }
    }

    public void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    /** A proxy of {@code target} whose every interface method is retried on transient store errors. */
    @SuppressWarnings("unchecked")
    public <T> T proxy(T target, Class<T> type) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.addInterface(type);
        factory.addInterface(Retrying.class);
        factory.addAdvice((MethodInterceptor) invocation -> call(type.getSimpleName() + "." + invocation.getMethod().getName(),
                () -> {
                    try {
                        return invocation.proceed();
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }));
        return (T) factory.getProxy(type.getClassLoader());
    }

    /** Marks the proxies {@link #proxy} makes, so that nothing wraps one twice. */
    public interface Retrying {
    }

    /**
     * Whether an error is worth retrying: the database was busy, unreachable, restarting, or a
     * commit's outcome was lost, anywhere in the cause chain.
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                    || e instanceof DataAccessResourceFailureException || e instanceof QueryTimeoutException
                    || e instanceof PessimisticLockingFailureException || e instanceof CannotCreateTransactionException
                    || e instanceof TransactionSystemException || e instanceof SQLTransientException
                    || e instanceof java.net.ConnectException || e instanceof java.io.EOFException) {
                return true;
            }
            if (e instanceof SQLException sql && transientSql(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientSql(SQLException sql) {
        String state = sql.getSQLState();
        String message = String.valueOf(sql.getMessage());
        // SQLite: SQLITE_BUSY / SQLITE_LOCKED; PostgreSQL: connection exceptions (08xxx), admin shutdown
        // and crash recovery (57P01-57P03), serialization failures and deadlocks (40001, 40P01).
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")
                || message.contains("database is locked")
                || (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")
                        || state.equals("40P01")));
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
