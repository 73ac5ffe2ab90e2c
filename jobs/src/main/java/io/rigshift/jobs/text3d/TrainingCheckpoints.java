package io.rigshift.jobs.text3d;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.checkpoint.CheckpointException;
import io.rigshift.jobs.checkpoint.StoredCheckpoint;
import io.rigshift.jobs.checkpoint.TrainingSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a text-to-3D checkpoint holds and how it goes back into a trainer: parameters, the
 * optimizer's moments by parameter name, the global step (which fixes epoch, position in the
 * epoch and every random draw that follows), the loss history, the vocabulary, and the network
 * shape and plan that a resuming run must match.
 */
public final class TrainingCheckpoints {

    public static final String PARAMETERS = "parameters.bin";
    public static final String OPTIMIZER = "optimizer.bin";
    public static final String STATE = "state.json";
    public static final String VOCABULARY = "vocabulary.txt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingCheckpoints() {
    }

    /** The JSON part of a checkpoint. */
    public record State(long globalStep, int epoch, int positionInEpoch, NetworkShape network, TrainingPlan plan,
            List<Float> lossHistory) {
    }

    /** Serialises the trainer's state to host memory; call between batches. */
    public static TrainingSnapshot snapshot(OccupancyTrainer trainer, List<Float> lossHistory, byte[] vocabulary) {
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            ByteArrayOutputStream parameters = new ByteArrayOutputStream();
            trainer.saveParameters(new DataOutputStream(parameters));
            files.put(PARAMETERS, parameters.toByteArray());
            files.put(OPTIMIZER, optimizerBytes(trainer));
            State state = new State(trainer.globalStep(), trainer.epoch(), trainer.positionInEpoch(),
                    trainer.network().networkShape(), trainer.plan(), List.copyOf(lossHistory));
            files.put(STATE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            files.put(VOCABULARY, vocabulary);
            return new TrainingSnapshot(trainer.globalStep(), trainer.epoch(), files);
        } catch (IOException e) {
            throw new CheckpointException("cannot serialise the training state", e);
        }
    }

    private static byte[] optimizerBytes(OccupancyTrainer trainer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        List<String> names = trainer.optimizer().stateNames();
        out.writeInt(names.size());
        for (String name : names) {
            out.writeUTF(name);
        }
        // Copies of device arrays attach to a scope that closes right after encoding.
        try (NDManager scope = trainer.manager().newSubManager(ai.djl.Device.cpu())) {
            byte[] encoded = names.isEmpty() ? new byte[0] : trainer.optimizer().exportState(scope).encode();
            out.writeInt(encoded.length);
            out.write(encoded);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** Reads a checkpoint's state file. */
    public static State readState(StoredCheckpoint checkpoint) {
        try {
            return JSON.readValue(Files.readAllBytes(checkpoint.file(STATE)), State.class);
        } catch (IOException e) {
            throw new CheckpointException("checkpoint " + checkpoint.name() + " has an unreadable " + STATE, e);
        }
    }

    /**
     * Puts a checkpoint's state into a fresh trainer. Refuses a checkpoint of another network
     * shape or plan, naming what differs.
     */
    public static State restore(OccupancyTrainer trainer, StoredCheckpoint checkpoint, byte[] vocabulary) {
        State state = readState(checkpoint);
        List<String> differences = new ArrayList<>();
        if (!state.network().equals(trainer.network().networkShape())) {
            differences.add("network " + state.network() + " vs this run's " + trainer.network().networkShape());
        }
        if (!state.plan().equals(trainer.plan())) {
            differences.add("plan " + state.plan() + " vs this run's " + trainer.plan());
        }
        try {
            if (!java.util.Arrays.equals(Files.readAllBytes(checkpoint.file(VOCABULARY)), vocabulary)) {
                differences.add("vocabulary differs from this run's");
            }
            if (!differences.isEmpty()) {
                throw new CheckpointException("checkpoint " + checkpoint.name() + " was made by a different model "
                        + "config: " + String.join("; ", differences));
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                    Files.readAllBytes(checkpoint.file(OPTIMIZER))));
            int count = in.readInt();
            List<String> names = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                names.add(in.readUTF());
            }
            byte[] encoded = in.readNBytes(in.readInt());
            try (NDManager scope = trainer.manager().newSubManager(ai.djl.Device.cpu())) {
                NDList moments = count == 0 ? new NDList() : NDList.decode(scope, encoded);
                trainer.restore(new DataInputStream(new ByteArrayInputStream(
                        Files.readAllBytes(checkpoint.file(PARAMETERS)))), names, moments, state.globalStep());
            }
            return state;
        } catch (IOException | MalformedModelException e) {
            throw new CheckpointException("checkpoint " + checkpoint.name() + " cannot be loaded: " + e.getMessage(), e);
        }
    }
}
