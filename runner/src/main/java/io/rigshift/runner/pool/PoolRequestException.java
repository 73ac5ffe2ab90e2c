package io.rigshift.runner.pool;

/**
 * A pool request a user got wrong (an unknown node, a bad name, more GPUs than exist): the message
 * names the bad value and what is allowed; the CLI prints it and exits 2.
 */
public class PoolRequestException extends IllegalArgumentException {

    public PoolRequestException(String message) {
        super(message);
    }
}
