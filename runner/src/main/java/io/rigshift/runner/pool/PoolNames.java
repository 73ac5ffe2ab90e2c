package io.rigshift.runner.pool;

import java.util.regex.Pattern;

/**
 * The rules for names a user types into the pool: nodes, GPU models and tenants. Each check returns
 * the value or throws a {@link PoolRequestException} that names the bad value and what is allowed.
 */
public final class PoolNames {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern GPU_MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private PoolNames() {
    }

    /** A node name: a host name of letters, digits, '.', '_' and '-', at most 64 characters. */
    public static String node(String name) {
        if (name == null || !NODE.matcher(name).matches()) {
            throw new PoolRequestException("invalid node name '" + name
                    + "': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** A GPU model such as A40 or H100-80GB: letters, digits, '.', '_' and '-', at most 64 characters. */
    public static String gpuModel(String model) {
        if (model == null || !GPU_MODEL.matcher(model).matches()) {
            throw new PoolRequestException("invalid GPU model '" + model
                    + "': use 1-64 letters, digits, '.', '_' or '-' (e.g. A40, H100-80GB)");
        }
        return model;
    }

    /** A tenant: lower-case letters, digits and '-', starting with a letter or digit, at most 63. */
    public static String tenant(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new PoolRequestException("invalid tenant '" + tenant
                    + "': use 1-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        return tenant;
    }

    /** A count that must be at least 1 and at most {@code max}; {@code what} names the option. */
    static int positive(String what, int value, int max) {
        if (value < 1 || value > max) {
            throw new PoolRequestException(what + " " + value + " is out of range: allowed 1-" + max);
        }
        return value;
    }
}
