package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.djl.Device;
import io.rigshift.datasets.text.Vocabulary;
import io.rigshift.jobs.text3d.NetworkShape;
import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.TrainingCheckpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the model a job exported: {@code model/} with parameters, vocabulary and config. */
public final class TrainedModel {

    private TrainedModel() {
    }

    /** Whether the job folder holds a model its train step exported. */
    public static boolean exists(Path jobFolder) {
        return Files.isRegularFile(jobFolder.resolve(ModelFiles.MODEL).resolve(TrainingCheckpoints.PARAMETERS));
    }

    /** A predictor for the model in a job folder, or an IOException naming what is missing. */
    public static OccupancyPredictor load(Path jobFolder, Device device) throws IOException {
        Path model = jobFolder.resolve(ModelFiles.MODEL);
        if (!exists(jobFolder)) {
            throw new IOException("job folder " + jobFolder + " holds no trained model (has its train step completed?)");
        }
        JsonNode config = new ObjectMapper().readTree(model.resolve(ModelFiles.CONFIG).toFile());
        NetworkShape shape = new ObjectMapper().treeToValue(config.get("network"), NetworkShape.class);
        Vocabulary vocabulary = Vocabulary.load(model.resolve(TrainingCheckpoints.VOCABULARY));
        try (InputStream parameters = Files.newInputStream(model.resolve(TrainingCheckpoints.PARAMETERS))) {
            return OccupancyPredictor.load(shape, vocabulary, parameters, device);
        }
    }
}
