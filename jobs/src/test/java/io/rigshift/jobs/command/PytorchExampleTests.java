package io.rigshift.jobs.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.api.JobArguments;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.training.DeviceAssignment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/pytorch/train.py} run as a command job: stopped mid-run and resumed, it ends
 * with the loss of a run that was never stopped. Skipped where /usr/bin/python3 has no torch.
 */
class PytorchExampleTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final CommandJobType type = new CommandJobType();

    @TempDir
    Path folder;

    @Test
    void stoppedTrainingResumesFromItsCheckpointAndEndsLikeAnUninterruptedOne() throws Exception {
        // Surefire runs in the jobs module; the example lives at the top of the repository.
        Path script = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent()
                .resolve("examples/pytorch/train.py");
        assumeTrue(Files.isRegularFile(script) && torchAvailable(), "needs " + script + " and torch");
        List<String> argv = List.of(PYTHON.toString(), script.toString(), "--epochs", "12");

        Path stopped = folder.resolve("stopped");
        TestJobContext first = context(stopped, argv, "--sleep", "0.3");
        CommandPhase phase = (CommandPhase) type.phases().get(0);
        for (int call = 0; call < 15 && !log(stopped).contains("epoch 2/12"); call++) {
            assertEquals(JobPhase.Progress.MORE, phase.run(first));
        }
        first.stop = true;
        phase.run(first);
        phase.stopping(first);
        phase.close(first);
        assertEquals(List.of(), first.warnings, "SIGTERM should let it checkpoint and exit in the grace");
        assertTrue(log(stopped).contains("stopped after epoch "), log(stopped));
        assertFalse(Files.exists(stopped.resolve("artifacts/final.json")));

        TestJobContext second = context(stopped, argv);
        assertEquals(JobPhase.Progress.DONE, runToEnd(second));
        Matcher resumed = Pattern.compile("resumed from epoch (\\d+)").matcher(log(stopped));
        assertTrue(resumed.find(), log(stopped));
        int epoch = Integer.parseInt(resumed.group(1));
        assertTrue(epoch >= 2 && epoch < 12, "resumed from epoch " + epoch);

        Path straight = folder.resolve("straight");
        assertEquals(JobPhase.Progress.DONE, runToEnd(context(straight, argv)));
        JsonNode resumedRun = JSON.readTree(stopped.resolve("artifacts/final.json").toFile());
        JsonNode straightRun = JSON.readTree(straight.resolve("artifacts/final.json").toFile());
        assertEquals(12, resumedRun.get("epochs_trained").asInt());
        assertEquals(straightRun.get("final_loss").asDouble(), resumedRun.get("final_loss").asDouble());
        assertTrue(Files.size(stopped.resolve("artifacts/model.pt")) > 0);
    }

    private JobPhase.Progress runToEnd(TestJobContext context) throws Exception {
        JobPhase phase = type.phases().get(0);
        try {
            for (int call = 0; call < 30; call++) {
                if (phase.run(context) == JobPhase.Progress.DONE) {
                    return JobPhase.Progress.DONE;
                }
            }
            throw new AssertionError("training still running after 30 calls:\n" + log(context.jobFolder()));
        } finally {
            phase.close(context);
        }
    }

    private TestJobContext context(Path jobFolder, List<String> argv, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(argv);
        command.addAll(List.of(more));
        JobArguments arguments = JobArguments.resolve(type.name(), type.parameters(),
                Map.of("command", JSON.writeValueAsString(command), "stop-grace", "30"));
        type.validate(arguments);
        return new TestJobContext(jobFolder, DeviceAssignment.cpu(), arguments);
    }

    private static String log(Path jobFolder) throws Exception {
        Path log = CommandJobType.logFile(jobFolder);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static boolean torchAvailable() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import torch")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }
}
