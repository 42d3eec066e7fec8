package com.ordercontrol.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercontrol.infra.FreePort;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NucDatabaseTest {

    @Test
    void startupWaitIsTenMinutesUnlessSet() {
        assertThat(NucDatabase.startupWait(Map.of())).isEqualTo(Duration.ofMinutes(10));
        assertThat(NucDatabase.startupWait(Map.of("RELAY_DB_STARTUP_WAIT", "90s"))).isEqualTo(Duration.ofSeconds(90));
        assertThat(NucDatabase.startupWait(Map.of("RELAY_DB_STARTUP_WAIT", "0s"))).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> NucDatabase.startupWait(Map.of("RELAY_DB_STARTUP_WAIT", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RELAY_DB_STARTUP_WAIT");
    }

    @Test
    void waitsOnlyForWhatTimeCanFix() {
        assertThat(NucDatabase.worthWaiting(new SQLException("refused", "08001"))).isTrue();
        assertThat(NucDatabase.worthWaiting(new SQLException("starting up", "57P03"))).isTrue();
        assertThat(NucDatabase.worthWaiting(new SQLException("too many clients", "53300"))).isTrue();
        assertThat(NucDatabase.worthWaiting(new SQLException("password authentication failed", "28P01"))).isFalse();
        assertThat(NucDatabase.worthWaiting(new SQLException("database does not exist", "3D000"))).isFalse();
    }

    @Test
    void givesUpAfterTheLimitNamingItAndNotThePassword() {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_API_KEY", "dev-secret");
        env.put("SERVER_NODE_ID", "dev-nuc-1");
        env.put("RELAY_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePort.pick() + "/pos?password=hunter2");
        RelaySettings settings = RelaySettings.fromEnvironment(env);
        long start = System.nanoTime();

        assertThatThrownBy(() -> NucDatabase.awaitReachable(settings, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still unreachable")
                .hasMessageContaining("RELAY_DB_STARTUP_WAIT=PT2S")
                .hasMessageNotContaining("hunter2");
        // One pause of 1 s, then the next (2 s) would pass the limit.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
    }
}
