package io.rigshift.runner.api;

/**
 * Who an API request speaks for: one tenant, or the host (who sees and manages everything).
 *
 * @param tenant the tenant, or null for the host
 * @param tokenId the token it authenticated with (for the log)
 */
public record Caller(String tenant, String tokenId) {

    public static Caller host(String tokenId) {
        return new Caller(null, tokenId);
    }

    public static Caller tenant(String tenant, String tokenId) {
        return new Caller(java.util.Objects.requireNonNull(tenant, "tenant"), tokenId);
    }

    public boolean isHost() {
        return tenant == null;
    }

    /** Whether this caller may see what belongs to {@code owner}. */
    public boolean sees(String owner) {
        return isHost() || tenant.equals(owner);
    }
}
