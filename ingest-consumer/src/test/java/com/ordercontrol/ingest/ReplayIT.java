package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.ingest.replay.ReplayCommand;
import com.ordercontrol.ingest.reports.DailyTotalsReport;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.FactTables;
import com.ordercontrol.ingest.support.IngestClient;
import com.ordercontrol.ingest.support.RunningIngest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 4: replaying the whole topic into a fresh schema gives the live totals; into live it only skips duplicates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplayIT extends RunningIngest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "replay_it");
    }

    @Autowired
    ReplayCommand replay;

    IngestClient client;
    FactTables tables;
    String lastEventId;

    @BeforeEach
    void sendADayOfEvents() {
        client = new IngestClient(port);
        tables = new FactTables(jdbc, CloudServers.kafka().bootstrapServers(), topic);
        if (tables.count("events") > 0) {
            return;
        }
        registry.addVenue("venue-r1", "R1", ZoneId.of("UTC"));
        registry.addVenue("venue-r2", "R2", ZoneId.of("Europe/Berlin"));
        registry.addLegacyNode("node-r1", "venue-r1", "secret-of-r1");
        registry.addLegacyNode("node-r2", "venue-r2", "secret-of-r2");
        for (int i = 0; i < 30; i++) {
            String venue = i % 2 == 0 ? "venue-r1" : "venue-r2";
            String body = Events.simple(venue, (i + 1) + ".25", i % 3 == 0 ? "1.10" : "0.00");
            assertThat(client.postSigned(i % 2 == 0 ? "node-r1" : "node-r2",
                    i % 2 == 0 ? "secret-of-r1" : "secret-of-r2", body).statusCode()).isEqualTo(202);
            if (i == 5) { // one duplicate delivery
                assertThat(client.postSigned("node-r2", "secret-of-r2", body).statusCode()).isEqualTo(202);
            }
        }
        String bad = Events.orderPaid("evt-replay-bad", "venue-r1", "ord-bad", 1, "\"1.00\"",
                Events.payment("pay-bad", "card", "1.001", "0", "2026-11-24T12:00:00Z"));
        assertThat(client.postSigned("node-r1", "secret-of-r1", bad).statusCode()).isEqualTo(202);
        String last = Events.simple("venue-r1", "0.99", "0.00");
        assertThat(client.postSigned("node-r1", "secret-of-r1", last).statusCode()).isEqualTo(202);
        lastEventId = Events.eventIdOf(last);
        tables.awaitEvent(lastEventId);
        tables.awaitDeadLetter("evt-replay-bad");
    }

    private String run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = replay.execute(new DefaultApplicationArguments(args), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void replayIntoAFreshSchemaGivesTheSameTotalsAsTheLiveTables() {
        String output = run("--from-beginning", "--into-schema=replay_fresh");

        assertThat(output).contains("replay into schema replay_fresh: events read 33, events stored 31, "
                + "facts written 31, duplicates skipped 1, dead letters 1");
        assertThat(output).contains("[##############################] 100%");
        JdbcTemplate fresh = new JdbcTemplate(CloudServers.inSchema("replay_it", "replay_fresh"));
        DailyTotalsReport liveReport = new DailyTotalsReport(jdbc);
        DailyTotalsReport freshReport = new DailyTotalsReport(fresh);
        for (String venue : new String[] {"venue-r1", "venue-r2"}) {
            ZoneId zone = registry.venue(venue).orElseThrow().zone();
            var live = liveReport.totals(venue, LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-24"), zone);
            assertThat(live.paymentCount()).isPositive();
            assertThat(freshReport.totals(venue, LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-24"), zone))
                    .isEqualTo(live);
        }
        assertThat(fresh.queryForObject("select count(*) from dead_letter_events", Integer.class)).isEqualTo(1);
    }

    @Test
    void replayIntoTheLiveTablesOnlySkipsDuplicates() {
        int facts = tables.count("payment_facts");

        String output = run("--from-beginning", "--into=live");

        assertThat(output).contains("replay into live tables: events read 33, events stored 0, facts written 0, "
                + "duplicates skipped 32, dead letters 1");
        assertThat(tables.count("payment_facts")).isEqualTo(facts);
        assertThat(tables.count("dead_letter_events")).isEqualTo(1);
    }

    @Test
    void replayFromATimestampAfterTheLastRecordReadsNothing() {
        String output = run("--from-timestamp=2999-01-01T00:00:00Z", "--into=live");
        assertThat(output).contains("events read 0,");
    }

    @Test
    void refusesAnExistingSchemaAndChangesNothing() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = replay.execute(new DefaultApplicationArguments("--into-schema=public"),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("refused: schema must be");
    }
}
