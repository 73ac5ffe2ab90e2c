package io.rigshift.jobs.text3d.job;

/** Names of the files in a job folder. */
public final class ModelFiles {

    public static final String MODEL = "model";
    public static final String CONFIG = "config.json";
    public static final String LOSS_HISTORY = "loss-history.json";
    public static final String EVALUATION = "evaluation.json";
    public static final String DATA = "data.json";
    /** Folder of the exported meshes and previews of a few validation captions. */
    public static final String SAMPLES = "samples";

    private ModelFiles() {
    }
}
