package io.rigshift.runner.store;

/** The store cannot be opened or used as asked; the message is meant for the user. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
