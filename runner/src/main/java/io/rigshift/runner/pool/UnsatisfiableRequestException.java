package io.rigshift.runner.pool;


/**
 * A lease request that this pool can never grant, however long it waits: no GPU in the pool, an
 * unknown model, more devices than any node has of the model, or more than the tenant's quota.
 * The CLI prints the message and exits 2.
 */
public class UnsatisfiableRequestException extends PoolRequestException {

    public UnsatisfiableRequestException(String message) {
        super(message);
    }
}
