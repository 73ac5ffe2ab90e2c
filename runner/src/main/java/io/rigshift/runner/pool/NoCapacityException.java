package io.rigshift.runner.pool;


/**
 * The pool cannot grant a request now (devices busy, the queue ahead, or the tenant at its quota)
 * and the caller chose not to wait, or waited past its timeout. The CLI exits 3 with the message,
 * e.g. {@code no capacity: 1 of 4 A40 free, 2 requested}.
 */
public class NoCapacityException extends RuntimeException {

    public NoCapacityException(String message) {
        super(message);
    }

}
