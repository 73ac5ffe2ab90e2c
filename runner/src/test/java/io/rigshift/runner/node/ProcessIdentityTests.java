package io.rigshift.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessIdentityTests {

    @Test
    void thisProcessIsAliveAndKnowsItsStartTime() {
        ProcessIdentity me = ProcessIdentity.current();
        assertThat(me.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(me.startedAtMs()).isPositive();
        assertThat(me.liveness()).isEqualTo(ProcessIdentity.Liveness.ALIVE);
    }

    @Test
    void aReusedPidDoesNotMakeADeadHolderLookAlive() {
        ProcessIdentity me = ProcessIdentity.current();
        // The same pid in the same pid space, but a process that started at another time: the holder
        // that wrote this identity is gone, whoever has its pid now.
        ProcessIdentity reused = new ProcessIdentity(me.hostId(), me.pid(), me.startedAtMs() - 60_000);
        assertThat(reused.liveness()).isEqualTo(ProcessIdentity.Liveness.DEAD);
        assertThat(reused.isKnownDead()).isTrue();
    }

    @Test
    void aProcessThatExitedIsDeadAndAnotherHostsIsUnknown() throws Exception {
        Process child = new ProcessBuilder("true").start();
        long pid = child.pid();
        long started = ProcessIdentity.startOf(child.toHandle()).orElse(0L);
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new ProcessIdentity(ProcessIdentity.current().hostId(), pid, started).liveness())
                .isEqualTo(ProcessIdentity.Liveness.DEAD);
        // Same host name, other container or boot: pids there mean nothing here.
        assertThat(new ProcessIdentity("another-boot/4026531836", ProcessHandle.current().pid(), 0).liveness())
                .isEqualTo(ProcessIdentity.Liveness.UNKNOWN);
    }

    @Test
    void theHostIdNamesTheBootAndThePidNamespaceNotTheHostName() {
        assertThat(ProcessIdentity.current().hostId()).contains("/").doesNotContain(HostNames.local() + "/");
    }
}
