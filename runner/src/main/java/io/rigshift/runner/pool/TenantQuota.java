package io.rigshift.runner.pool;

/** A tenant's cap on concurrent devices and how many its live leases hold now. */
public record TenantQuota(String tenant, int maxGpus, int inUse) {

    public TenantQuota {
        PoolNames.tenant(tenant);
        if (maxGpus < 1) {
            throw new IllegalArgumentException("quota " + maxGpus + " < 1");
        }
    }

    /** Whether {@code gpus} more devices would take the tenant past its cap. */
    public boolean wouldExceed(int gpus) {
        return inUse + gpus > maxGpus;
    }
}
