package io.rigshift.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.rigshift.jobs.api.CheckpointCadence;
import io.rigshift.runner.training.DeviceChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSpecTests {

    private static final String FULL = """
            name: my-run
            tenant: acme
            seed: 42
            resources:
              gpus: 2
              gpu-model: A40
              device: auto
            job:
              type: text3d
              jar: ./jobs/../my-job.jar
              params:
                epochs: 3
                lr: 0.5
                smoke: true
                caption: "x"
            env:
              WANDB_MODE: offline
              _RETRIES: 3
            max-restarts: 2
            stop-grace: 60
            checkpoint:
              every: 200
              interval: 300
              keep: 3
            """;

    @TempDir
    Path folder;

    private final JobSpecReader reader = new JobSpecReader();

    @Test
    void fullSpecReadsIntoTheRecordWithJarBesideTheSpecFile() throws IOException {
        Path specs = Files.createDirectories(folder.resolve("specs"));
        JobSpec spec = reader.read(write(specs.resolve("job.yaml"), FULL));

        assertThat(spec.name()).isEqualTo("my-run");
        assertThat(spec.tenant()).isEqualTo("acme");
        assertThat(spec.seed()).isEqualTo(42L);
        assertThat(spec.resources()).isEqualTo(new JobSpec.Resources(2, "A40", DeviceChoice.auto));
        assertThat(spec.job().type()).isEqualTo("text3d");
        assertThat(spec.job().jar()).isEqualTo(specs.resolve("my-job.jar").toAbsolutePath());
        assertThat(spec.job().params()).containsExactly(Map.entry("epochs", "3"), Map.entry("lr", "0.5"),
                Map.entry("smoke", "true"), Map.entry("caption", "x"));
        assertThat(spec.command()).isEmpty();
        assertThat(spec.env()).containsExactly(Map.entry("WANDB_MODE", "offline"), Map.entry("_RETRIES", "3"));
        assertThat(spec.maxRestarts()).isEqualTo(2);
        assertThat(spec.stopGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.checkpoint()).isEqualTo(new JobSpec.Checkpoint(200L, 300L, 3));
        assertThat(spec.checkpoint().cadence(CheckpointCadence.defaults())).isEqualTo(new CheckpointCadence(200, 300, 3));
        assertThat(spec.missing()).isEmpty();
        assertThat(spec.requireComplete()).isSameAs(spec);
    }

    @Test
    void leftOutFieldsAreNullOrEmptyAndMissingTenantNamesFileAndFlag() throws IOException {
        Path file = write(folder.resolve("job.yaml"), "seed: -7\ncheckpoint:\n  keep: 5\n");
        JobSpec spec = reader.read(file);

        assertThat(spec.seed()).isEqualTo(-7L);
        assertThat(spec.name()).isNull();
        assertThat(spec.job()).isNull();
        assertThat(spec.resources()).isEqualTo(JobSpec.Resources.NONE);
        assertThat(spec.env()).isEmpty();
        assertThat(spec.checkpoint().cadence(CheckpointCadence.defaults())).isEqualTo(new CheckpointCadence(200, 300, 5));
        assertThat(spec.missing()).containsExactly("tenant");
        assertThatThrownBy(spec::requireComplete).isInstanceOf(JobSpecException.class)
                .hasMessage(file + ": missing required field 'tenant' (or give --tenant)");
    }

    @Test
    void commandListIsTakenAsIs() throws IOException {
        JobSpec spec = reader.read(write(folder.resolve("job.yaml"),
                "tenant: acme\ncommand: [\"python3\", \"train.py\", \"--lr\", \"3e-4\", 3]\n"));

        assertThat(spec.command()).containsExactly("python3", "train.py", "--lr", "3e-4", "3");
        assertThat(spec.job()).isNull();
    }

    @Test
    void commandLineIsSplitLikeAShell() throws IOException {
        JobSpec spec = reader.read(write(folder.resolve("job.yaml"),
                "command: >-\n  python3 train.py --msg=\"a b\" 'it''s' \"\" --x \\\"q\\\" \"c\\\"d\"\n"));

        assertThat(spec.command()).containsExactly("python3", "train.py", "--msg=a b", "its", "", "--x", "\"q\"",
                "c\"d");
    }

    @Test
    void shellWordsKeepSingleQuotedTextLiterallyAndRefuseUnbalancedQuotes() {
        assertThat(ShellWords.split("  a\t'b \\ \"c' \"d e\"f  ")).containsExactly("a", "b \\ \"c", "d ef");
        assertThat(ShellWords.split("")).isEmpty();
        assertThatThrownBy(() -> ShellWords.split("echo \"hi")).hasMessage("unbalanced double quote at character 6");
        assertThatThrownBy(() -> ShellWords.split("echo 'hi")).hasMessage("unbalanced single quote at character 6");
        assertThatThrownBy(() -> ShellWords.split("echo \\")).hasMessage("trailing backslash at character 6");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown nested field  | tenant: acme\\nresources:\\n  gpus: 1\\n  gpu: 2\\n                 | 4 | unknown field 'resources.gpu'; allowed: gpus, gpu-model, device, no-wait
            unknown top field     | tenant: acme\\nepochs: 3\\n                                         | 2 | unknown field 'epochs'; allowed: name, tenant, seed, resources, job, command, env, max-restarts, stop-grace, checkpoint
            wrong type            | resources:\\n  gpus: two\\n                                          | 2 | 'resources.gpus' must be an integer >= 1, was 'two'
            below minimum         | checkpoint:\\n  every: 0\\n                                          | 2 | 'checkpoint.every' must be an integer >= 1, was '0'
            too large             | resources:\\n  gpus: 99999999999999999999\\n                         | 2 | 'resources.gpus' must be an integer from 1 to 2147483647, was '99999999999999999999'
            negative restarts     | max-restarts: -1\\n                                                  | 1 | 'max-restarts' must be an integer >= 0, was '-1'
            list for integer      | seed: [1]\\n                                                         | 1 | 'seed' must be an integer, was a list
            empty value           | tenant:\\n                                                           | 1 | 'tenant' must be a tenant (1-63 characters of a-z, 0-9 and '-', starting with a letter or digit), was empty
            bad tenant            | tenant: Acme Corp\\n                                                 | 1 | 'tenant' must be a tenant (1-63 characters of a-z, 0-9 and '-', starting with a letter or digit), was 'Acme Corp'
            bad device            | resources: {device: tpu}\\n                                          | 1 | 'resources.device' must be one of auto, cpu, gpu, was 'tpu'
            scalar section        | job: text3d\\n                                                       | 1 | 'job' must be a mapping, was 'text3d'
            bad env name          | env:\\n  1PATH: x\\n                                                 | 2 | 'env.1PATH' is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)
            env list value        | env:\\n  PATH: [a]\\n                                                | 2 | 'env.PATH' must be a value (text, number or true/false), was a list
            param mapping value   | job:\\n  params:\\n    lr: {a: 1}\\n                                  | 3 | 'job.params.lr' must be a value (text, number or true/false), was a mapping
            duplicate key         | tenant: acme\\nresources:\\n  gpus: 1\\n  device: cpu\\n  gpus: 2\\n | 5 | duplicate field 'resources.gpus' (first on line 3)
            job then command      | job:\\n  type: text3d\\nseed: 1\\ncommand: [a]\\n                    | 4 | 'job' and 'command' are mutually exclusive (job is on line 1): give one
            command then job      | command: a\\njob: {type: x}\\n                                       | 2 | 'job' and 'command' are mutually exclusive (command is on line 1): give one
            unbalanced quote      | seed: 1\\ncommand: python3 "train.py\\n                              | 2 | 'command' is not a valid command line: unbalanced double quote at character 9
            empty command         | command: []\\n                                                       | 1 | 'command' is empty: expected a program and its arguments
            top level list        | - tenant: acme\\n                                                    | 1 | the top level must be a mapping of fields (name, tenant, seed, resources, job, command, env, max-restarts, stop-grace, checkpoint), was a list
            java tag              | tenant: acme\\njob:\\n  jar: !!java.io.File /etc/passwd\\n            | 3 | 'job.jar' has the tag '!!java.io.File'; a spec file takes plain values (text, numbers, true/false, lists, mappings) without tags
            local tag on mapping  | resources: !gpu {gpus: 1}\\n                                         | 1 | 'resources' has the tag '!gpu'; a spec file takes plain values (text, numbers, true/false, lists, mappings) without tags
            set tag               | command: !!set {a: null}\\n                                          | 1 | 'command' has the tag '!!set'; a spec file takes plain values (text, numbers, true/false, lists, mappings) without tags
            merge key             | base: &b {gpus: 1}\\nresources:\\n  <<: *b\\n                          | 1 | unknown field 'base'; allowed: name, tenant, seed, resources, job, command, env, max-restarts, stop-grace, checkpoint
            syntax error          | tenant: acme\\nresources:\\n  gpus: 1\\n   device: [\\n              | 4 | not valid YAML: mapping values are not allowed here
            """)
    void errorNamesFieldAndLine(String caseName, String yaml, int line, String message) throws IOException {
        Path file = write(folder.resolve("job.yaml"), yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(JobSpecException.class)
                .hasMessage(file + ":" + line + ": " + message)
                .satisfies(e -> assertThat(((JobSpecException) e).line()).isEqualTo(line));
    }

    @Test
    void mergeKeyInsideASectionIsAnUnknownField() throws IOException {
        Path file = write(folder.resolve("job.yaml"), "resources:\n  <<: {gpus: 1}\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ":2: unknown field 'resources.<<'; allowed: gpus, gpu-model, device, no-wait");
    }

    @Test
    void emptyFileAndCommentOnlyFileAreRefused() throws IOException {
        for (String text : List.of("", "# nothing yet\n")) {
            Path file = write(folder.resolve("job.yaml"), text);
            assertThatThrownBy(() -> reader.read(file)).isInstanceOf(JobSpecException.class)
                    .hasMessageStartingWith(file + ": the spec file is empty");
        }
    }

    @Test
    void unreadableFileNamesThePathAsGiven() throws IOException {
        Path missing = Path.of("no-such-dir", "job.yaml");
        assertThatThrownBy(() -> reader.read(missing)).isInstanceOf(JobSpecException.class)
                .hasMessage("no-such-dir/job.yaml: cannot read the spec file: no such file");
        assertThatThrownBy(() -> reader.read(folder)).isInstanceOf(JobSpecException.class)
                .hasMessage(folder + ": cannot read the spec file: it is a folder");
    }

    @Test
    void textThatIsNotUtf8IsRefusedWithItsLine() throws IOException {
        Path file = folder.resolve("job.yaml");
        Files.write(file, new byte[] {'s', 'e', 'e', 'd', ':', ' ', '1', '\n', 'n', 'a', 'm', 'e', ':', ' ', (byte) 0xff});

        assertThatThrownBy(() -> reader.read(file)).hasMessage(file + ":2: the spec file is not UTF-8 text (byte 0xff)");
    }

    @Test
    void controlCharacterIsRefusedWithItsLine() throws IOException {
        Path file = write(folder.resolve("job.yaml"), "seed: 1\r\ntenant: ac\u0007me\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ":2: the spec file holds the character U+0007, which YAML does not allow");
    }

    @Test
    void aliasBombIsRefusedQuickly() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char below = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + below))).append("]\n");
        }
        yaml.append("command: *i\n");
        Path file = write(folder.resolve("bomb.yaml"), yaml.toString());

        long start = System.nanoTime();
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(JobSpecException.class)
                .hasMessageStartingWith(file + ": not valid YAML: Number of aliases for non-scalar nodes exceeds");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aFewAliasesOfScalarsAreFine() throws IOException {
        JobSpec spec = reader.read(write(folder.resolve("job.yaml"), "tenant: &t acme\nname: *t\n"));

        assertThat(spec.name()).isEqualTo("acme");
    }

    @Test
    void oversizedFileIsRefusedBeforeParsing() throws IOException {
        byte[] big = new byte[JobSpecReader.MAX_BYTES + 1];
        Arrays.fill(big, (byte) '#');
        Path file = folder.resolve("big.yaml");
        Files.write(file, big);

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ": the spec file is larger than " + JobSpecReader.MAX_BYTES + " bytes");
    }

    @Test
    void codePointLimitBoundsTextGivenDirectly() {
        String text = "command: " + "x".repeat(JobSpecReader.MAX_BYTES + 10) + "\n";

        assertThatThrownBy(() -> reader.read("stdin", text, folder)).isInstanceOf(JobSpecException.class)
                .hasMessageStartingWith("stdin: not valid YAML:");
    }

    @Test
    void specFromFlagsAloneSaysWhichOptionIsMissing() {
        assertThatThrownBy(() -> JobSpec.empty(null).requireComplete()).isInstanceOf(JobSpecException.class)
                .hasMessage("missing required option --tenant");
    }

    @Test
    void randomMutationsOfAValidSpecYieldASpecOrAOneLineSpecError() throws IOException {
        byte[] valid = FULL.replace("job:\n  type: text3d", "job:\n  type: text3d\n  # &x *x !!str")
                .getBytes(StandardCharsets.UTF_8);
        Random random = new Random(20261201L);
        Path file = folder.resolve("fuzz.yaml");
        int specs = 0;
        // 2,000 in CI; a longer fuzz run (README, Benchmarks) raises it with -Drigshift.fuzz.tries.
        int trials = Integer.getInteger("rigshift.fuzz.tries", 2_000);
        for (int trial = 0; trial < trials; trial++) {
            byte[] mutated = mutate(valid, random);
            Files.write(file, mutated);
            try {
                reader.read(file);
                specs++;
            } catch (JobSpecException e) {
                assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
            } catch (RuntimeException | StackOverflowError e) {
                fail("trial " + trial + " threw " + e + " for:\n" + new String(mutated, StandardCharsets.UTF_8), e);
            }
        }
        // Some mutations (in comments, in values) leave a valid spec: the fuzz reached the walk.
        assertThat(specs).isPositive();
    }

    private static byte[] mutate(byte[] input, Random random) {
        byte[] bytes = input;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && bytes.length > 1; i++) {
            int at = random.nextInt(bytes.length);
            int length = 1 + random.nextInt(Math.min(12, bytes.length - at));
            switch (random.nextInt(3)) {
                case 0 -> {
                    bytes = bytes.clone();
                    bytes[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : "\n :-[]{}\"'!&*#,|>\t".charAt(
                            random.nextInt(18)));
                }
                case 1 -> {
                    byte[] shorter = new byte[bytes.length - length];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
                    bytes = shorter;
                }
                default -> {
                    byte[] longer = new byte[bytes.length + length];
                    System.arraycopy(bytes, 0, longer, 0, at + length);
                    System.arraycopy(bytes, at, longer, at + length, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }
}
