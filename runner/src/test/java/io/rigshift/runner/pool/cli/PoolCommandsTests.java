package io.rigshift.runner.pool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.cli.Cli;
import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.pool.Lease;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.LeaseOutcome;
import io.rigshift.runner.pool.LeaseRequest;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.pool.WaitPolicy;
import io.rigshift.runner.pool.detect.DetectedGpu;
import io.rigshift.runner.pool.detect.GpuDetection;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class PoolCommandsTests {

    @TempDir
    Path home;

    /** One run of the CLI: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {
    }

    private Run rigshift(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withHome = new String[args.length + 2];
        System.arraycopy(args, 0, withHome, 0, args.length);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        int exit = Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), withHome);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pool add --node bad/name --model A40 --count 2 --memory-gib 48 | invalid node name 'bad/name'",
        "pool add --node n1 --model 'A 40' --count 2 --memory-gib 48  | invalid GPU model 'A 40'",
        "pool add --node n1 --model A40 --count 0 --memory-gib 48     | --count 0 is out of range: allowed 1-64",
        "pool add --node n1 --model A40 --count 2 --memory-gib -1     | --memory-gib -1 is out of range",
        "pool add --node n1 --model A40 --count two --memory-gib 48   | two",
        "pool add --node n1 --count 2 --memory-gib 48                 | --model",
        "pool drain ghost                                              | no node 'ghost' in the pool",
        "pool remove ghost                                             | no node 'ghost' in the pool",
        "tenant quota Acme --max-gpus 2                                | invalid tenant 'Acme'",
        "tenant quota acme --max-gpus 0                                | --max-gpus 0 is out of range",
        "tenant quota --max-gpus 2                                     | need a TENANT",
        "queue --format xml                                            | xml",
    })
    void badInputExitsTwoNamingTheValue(String command, String expected) {
        Run run = rigshift(split(command));
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(expected);
        assertThat(run.err().strip().lines()).as("one line").hasSize(1);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void addListDrainUndrainAndRemoveANode() throws Exception {
        Run add = rigshift("pool", "add", "--node", "gpu1", "--model", "A40", "--count", "4", "--memory-gib", "48",
                "--simulated");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("added 4 A40 (48 GiB) to simulated node gpu1, which now has 4 GPUs");
        assertThat(rigshift("pool", "add", "--node", "gpu1", "--model", "H100", "--count", "1", "--memory-gib", "80")
                .err()).contains("node 'gpu1' is simulated: add with --simulated");
        assertThat(rigshift("pool", "add", "--node", "gpu2", "--model", "H100", "--count", "2", "--memory-gib", "80")
                .exit()).isZero();

        Lease lease;
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            lease = new LeaseService(store, Clock.systemUTC(), new ProcessIdentity("test", 1, 0))
                    .acquire(LeaseRequest.of("acme", 2).withGpuModel("A40"), WaitPolicy.noWait());
        }

        Run list = rigshift("pool", "list");
        assertThat(list.out().lines().findFirst().orElseThrow())
                .matches("NODE +DEVICE +MODEL +MEMORY +STATE +TENANT +LEASE +SIMULATED");
        assertThat(list.out()).containsPattern("gpu1 +0 +A40 +48 GiB +leased +acme +" + lease.id() + " +yes")
                .containsPattern("gpu1 +3 +A40 +48 GiB +available +- +- +yes")
                .containsPattern("gpu2 +1 +H100 +80 GiB +available +- +- +no")
                .contains("2 nodes, 6 devices: 4 available, 2 leased");

        JsonNode json = new ObjectMapper().readTree(rigshift("pool", "list", "--format", "json").out());
        assertThat(json.at("/nodes/0/name").asText()).isEqualTo("gpu1");
        assertThat(json.at("/nodes/0/simulated").asBoolean()).isTrue();
        assertThat(json.at("/nodes/0/devices/1/state").asText()).isEqualTo("leased");
        assertThat(json.at("/nodes/0/devices/1/tenant").asText()).isEqualTo("acme");
        assertThat(json.at("/nodes/1/devices").size()).isEqualTo(2);

        Run drain = rigshift("pool", "drain", "gpu1");
        assertThat(drain.out()).contains("node gpu1 is draining: 2 devices still leased, 2 drained");
        Run refused = rigshift("pool", "remove", "gpu1");
        assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("node 'gpu1' has leased devices (lease " + lease.id() + ")");

        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            new LeaseService(store, Clock.systemUTC(), new ProcessIdentity("test", 1, 0)).release(lease.id(), LeaseOutcome.COMPLETED);
        }
        assertThat(rigshift("pool", "list").out()).containsPattern("gpu1 +0 +A40 +48 GiB +draining");
        assertThat(rigshift("pool", "undrain", "gpu1").out()).contains("node gpu1 takes leases again: 4 available, 0 leased");
        Run removed = rigshift("pool", "remove", "gpu1");
        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(rigshift("pool", "list").out()).doesNotContain("gpu1").contains("1 node, 2 devices: 2 available");
    }

    @Test
    void queueAndQuotasAreShown() throws Exception {
        assertThat(rigshift("queue").out()).contains("no requests waiting");
        assertThat(rigshift("tenant", "quota").out()).contains("no quotas");
        Run set = rigshift("tenant", "quota", "acme", "--max-gpus", "3");
        assertThat(set.out()).contains("tenant acme may hold at most 3 GPUs at once (holds 0 now)");
        assertThat(rigshift("tenant", "quota").out()).containsPattern("acme +3 +0");
        JsonNode quotas = new ObjectMapper().readTree(rigshift("tenant", "quota", "acme", "--format", "json").out());
        assertThat(quotas.at("/quotas/0/maxGpus").asInt()).isEqualTo(3);

        rigshift("pool", "add", "--node", "n1", "--model", "A40", "--count", "1", "--memory-gib", "48");
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            LeaseService leases = new LeaseService(store, Clock.systemUTC(), new ProcessIdentity("host-a", 11, 0));
            leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait());
            leases.enqueue(LeaseRequest.of("beta", 1).withJobLabel("shapes-run"));
        }
        Run queue = rigshift("queue");
        assertThat(queue.out()).containsPattern("POS +TENANT +GPUS +MODEL +WAITING")
                .containsPattern("1 +beta +1 +any +\\d+s +0.00 +waiting +shapes-run +host-a:11");
        JsonNode json = new ObjectMapper().readTree(rigshift("queue", "--format", "json").out());
        assertThat(json.at("/waiting/0/tenant").asText()).isEqualTo("beta");
        assertThat(json.at("/waiting/0/position").asInt()).isEqualTo(1);

        assertThat(rigshift("tenant", "quota", "acme", "--unlimited").out()).contains("tenant acme has no quota now");
    }

    @Test
    void detectOnAHostWithoutGpusSaysSoAndAddsNothing() {
        Run detect = rigshift("pool", "detect");
        assertThat(detect.exit()).as(detect.err()).isZero();
        assertThat(detect.out()).contains("no CUDA GPU found").contains("nothing added");
        assertThat(rigshift("pool", "list").out()).contains("the pool is empty");
    }

    @Test
    void detectRegistersWhatTheDetectorFindsAsARealNode() {
        GpuDetection found = new GpuDetection(List.of(new DetectedGpu(0, "H100-80GB-HBM3", 80),
                new DetectedGpu(1, "H100-80GB-HBM3", 80), new DetectedGpu(2, "A40", 48)), "3 CUDA GPU(s) seen by a test");
        StringWriter out = new StringWriter();
        CommandLine detect = new CommandLine(new PoolDetectCommand(() -> found));
        detect.setOut(new PrintWriter(out, true));
        assertThat(detect.execute("--node", "box", "--home", home.toString())).isZero();
        assertThat(out.toString()).contains("added to node box").contains("cuda:2  A40  48 GiB");
        assertThat(rigshift("pool", "list").out())
                .containsPattern("box +1 +H100-80GB-HBM3 +80 GiB +available +- +- +no")
                .containsPattern("box +2 +A40 +48 GiB +available");
        StringWriter err = new StringWriter();
        CommandLine again = new CommandLine(new PoolDetectCommand(() -> found));
        again.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.write(e.getMessage());
            return ExitCodes.USAGE;
        });
        assertThat(again.execute("--node", "box", "--home", home.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("node 'box' is already in the pool");
    }

    private static String[] split(String command) {
        return java.util.Arrays.stream(command.strip().split(" +(?=(?:[^']*'[^']*')*[^']*$)"))
                .map(s -> s.replace("'", "")).toArray(String[]::new);
    }
}
