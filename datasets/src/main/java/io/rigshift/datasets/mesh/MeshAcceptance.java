package io.rigshift.datasets.mesh;

/** Which meshes count as solids: decided by winding number (the default) or only closed manifold ones. */
public enum MeshAcceptance {
    /**
     * Open and non-manifold meshes are usable, with a warning: inside is where the generalised winding number reaches
     * one half. Refused are only meshes whose winding number never gets there, such as a lone open sheet.
     */
    WINDING_NUMBER,
    /** Only closed, manifold meshes: every edge shared by exactly two faces (the rule of {@code --strict}). */
    WATERTIGHT
}
