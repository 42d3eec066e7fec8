package com.ordercontrol.relay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay's operator commands: help without a database, usage errors exit 2, only the settings they use. */
class RelayCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return RelayCommands.run(args, env, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpExitsZeroWithoutAnySettingsOrDatabase() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("status", "redrive", "resend");
        assertThat(run(Map.of(), "status", "--help")).isZero();
        assertThat(run(Map.of(), "resend", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--since");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void usageErrorsExitTwoWithTheMessageOnStderr() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("frobnicate");
        assertThat(run(Map.of(), "resend")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--since");
        assertThat(run(Map.of(), "resend", "--since", "yesterday")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'yesterday' is not an ISO-8601 time");
    }

    @Test
    void readOnlyCommandsDoNotNeedTheNodesSecret() {
        // No SERVER_API_KEY / SERVER_NODE_ID: status only complains about what it uses (a bad database URL here).
        assertThat(run(Map.of("RELAY_DB_URL", "mysql://not-postgres"), "status")).isEqualTo(2);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message).contains("RELAY_DB_URL").doesNotContain("SERVER_API_KEY").doesNotContain("SERVER_NODE_ID");
    }
}
