package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The ingest jar's command line is checked before any Spring context (so before any database). */
class IngestCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String... args) {
        return IngestCli.check(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpOnEveryCommandExitsZeroWithoutADatabase() {
        assertThat(check("--help")).isZero();
        assertThat(out()).contains("admin", "replay");
        assertThat(check("admin", "--help")).isZero();
        assertThat(out()).contains("add-venue", "add-node", "rotate-secret", "issue-token", "list-tokens");
        assertThat(check("admin", "add-node", "--help")).isZero();
        assertThat(out()).contains("<nodeId>", "--secret");
        assertThat(check("replay", "--help", "--spring.datasource.url=jdbc:postgresql://nowhere:1/x")).isZero();
        assertThat(out()).contains("--from-timestamp", "--into-schema");
        assertThat(err()).isEmpty();
    }

    @Test
    void usageErrorsExitTwoWithTheMessageOnStderr() {
        assertThat(check("admin", "frobnicate")).isEqualTo(2);
        assertThat(err()).contains("frobnicate");
        assertThat(check("admin", "add-venue", "venue-1")).isEqualTo(2);
        assertThat(err()).contains("<name>");
        assertThat(check("admin")).isEqualTo(2);
        assertThat(check("replay", "--into-nowhere=x")).isEqualTo(2);
        assertThat(err()).contains("--into-nowhere");
        assertThat(out()).isEmpty();
    }

    @Test
    void todaysCommandsAndSpringPropertiesStillRun() {
        assertThat(check("admin", "list", "--spring.datasource.url=jdbc:postgresql://db:5432/cloud")).isEqualTo(IngestCli.RUN);
        assertThat(check("admin", "add-node", "dev-nuc-1", "venue-1", "--secret=dev-secret")).isEqualTo(IngestCli.RUN);
        assertThat(check("admin", "add-venue", "venue-1", "Venue 1", "Europe/Paris")).isEqualTo(IngestCli.RUN);
        assertThat(check("admin", "issue-token", "finance", "venue-1,venue-2", "--token=t0k3n")).isEqualTo(IngestCli.RUN);
        assertThat(check("replay", "--from-timestamp=2026-11-24T00:00:00Z", "--into-schema=replay_1"))
                .isEqualTo(IngestCli.RUN);
        assertThat(err()).isEmpty();
    }
}
