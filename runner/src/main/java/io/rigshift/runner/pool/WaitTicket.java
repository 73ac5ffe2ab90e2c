package io.rigshift.runner.pool;

import java.util.Objects;

/**
 * A request's place in the wait queue, from {@link LeaseService#enqueue}; poll it with
 * {@link LeaseService#tryAcquire(WaitTicket)} and give it up with {@link LeaseService#cancel}.
 */
public record WaitTicket(String requestId, LeaseRequest request, long enqueuedAtMillis) {

    public WaitTicket {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(request, "request");
    }
}
