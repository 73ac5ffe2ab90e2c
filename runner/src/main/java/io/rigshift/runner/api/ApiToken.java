package io.rigshift.runner.api;

import java.util.Objects;

/**
 * A stored API token, without its secret: who it speaks for (a tenant, or the host) and when it
 * stops working.
 *
 * @param expiresMs epoch ms after which it is refused, or null for never
 * @param revokedMs epoch ms it was revoked, or null
 */
public record ApiToken(String id, String tenant, boolean host, String label, long createdMs, Long expiresMs,
        Long revokedMs) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        if (host == (tenant != null)) {
            throw new IllegalArgumentException("a token is either a host token or one tenant's: " + id);
        }
    }

    /** Whether it may be used at {@code nowMs}. */
    public boolean usableAt(long nowMs) {
        return revokedMs == null && (expiresMs == null || nowMs < expiresMs);
    }

    /** The caller a request with this token speaks for. */
    public Caller caller() {
        return host ? Caller.host(id) : Caller.tenant(tenant, id);
    }
}
