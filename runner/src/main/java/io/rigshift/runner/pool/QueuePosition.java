package io.rigshift.runner.pool;

/**
 * Where a waiting request stands after a poll: 1-based {@code position} among {@code waiting}
 * requests, and {@code reason}, the line that says why it was not granted yet.
 */
public record QueuePosition(String requestId, int position, int waiting, String reason) {
}
