package io.rigshift.datasets.occupancy;

/**
 * An axis-aligned box {@code [minX, maxX] x [minY, maxY] x [minZ, maxZ]}, used to bound shapes, meshes and
 * sampling regions.
 */
public record Bounds(double minX, double minY, double minZ, double maxX, double maxY, double maxZ) {

    /** The unit cube {@code [-0.5, 0.5]^3} that every dataset shape lives in. */
    public static final Bounds UNIT_CUBE = new Bounds(-0.5, -0.5, -0.5, 0.5, 0.5, 0.5);

    public Bounds {
        if (!(minX <= maxX && minY <= maxY && minZ <= maxZ)) {
            throw new IllegalArgumentException("bounds need min <= max on every axis (and no NaN), got "
                    + "[" + minX + ", " + maxX + "] x [" + minY + ", " + maxY + "] x [" + minZ + ", " + maxZ + "]");
        }
    }

    /** Smallest bounds holding the given xyz-interleaved points; the array must hold at least one point. */
    public static Bounds of(double[] xyz) {
        if (xyz.length < 3 || xyz.length % 3 != 0) {
            throw new IllegalArgumentException("need at least one xyz point, got " + xyz.length + " values");
        }
        double minX = xyz[0], minY = xyz[1], minZ = xyz[2];
        double maxX = minX, maxY = minY, maxZ = minZ;
        for (int i = 3; i < xyz.length; i += 3) {
            minX = Math.min(minX, xyz[i]);
            maxX = Math.max(maxX, xyz[i]);
            minY = Math.min(minY, xyz[i + 1]);
            maxY = Math.max(maxY, xyz[i + 1]);
            minZ = Math.min(minZ, xyz[i + 2]);
            maxZ = Math.max(maxZ, xyz[i + 2]);
        }
        return new Bounds(minX, minY, minZ, maxX, maxY, maxZ);
    }

    public double sizeX() {
        return maxX - minX;
    }

    public double sizeY() {
        return maxY - minY;
    }

    public double sizeZ() {
        return maxZ - minZ;
    }

    /** The longest side. */
    public double maxSize() {
        return Math.max(sizeX(), Math.max(sizeY(), sizeZ()));
    }

    /** Half the longest side; finite for any finite box, where {@link #maxSize()} may overflow. */
    public double maxHalfSize() {
        return Math.max(maxX / 2 - minX / 2, Math.max(maxY / 2 - minY / 2, maxZ / 2 - minZ / 2));
    }

    // Halves first: the same value as (min + max) / 2, but finite for any finite box (a user's file may hold
    // coordinates near Double.MAX_VALUE, whose sum overflows).
    public double centerX() {
        return minX / 2 + maxX / 2;
    }

    public double centerY() {
        return minY / 2 + maxY / 2;
    }

    public double centerZ() {
        return minZ / 2 + maxZ / 2;
    }

    public boolean contains(double x, double y, double z) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY && z >= minZ && z <= maxZ;
    }

    /** Smallest bounds holding both. */
    public Bounds union(Bounds other) {
        return new Bounds(Math.min(minX, other.minX), Math.min(minY, other.minY), Math.min(minZ, other.minZ),
                Math.max(maxX, other.maxX), Math.max(maxY, other.maxY), Math.max(maxZ, other.maxZ));
    }

    /** These bounds grown by {@code margin} on every side. */
    public Bounds expand(double margin) {
        return new Bounds(minX - margin, minY - margin, minZ - margin, maxX + margin, maxY + margin, maxZ + margin);
    }

    /** These bounds moved by the given offset. */
    public Bounds translated(double dx, double dy, double dz) {
        return new Bounds(minX + dx, minY + dy, minZ + dz, maxX + dx, maxY + dy, maxZ + dz);
    }

    /** The overlap of both, or these bounds clamped to a single face or corner of {@code other} when disjoint. */
    public Bounds clampTo(Bounds other) {
        double loX = clamp(minX, other.minX, other.maxX), hiX = clamp(maxX, loX, other.maxX);
        double loY = clamp(minY, other.minY, other.maxY), hiY = clamp(maxY, loY, other.maxY);
        double loZ = clamp(minZ, other.minZ, other.maxZ), hiZ = clamp(maxZ, loZ, other.maxZ);
        return new Bounds(loX, loY, loZ, hiX, hiY, hiZ);
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
