package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ordercontrol.ingest.admin.AdminCommand;
import com.ordercontrol.ingest.support.CloudServers;
import com.ordercontrol.ingest.support.Events;
import com.ordercontrol.ingest.support.IngestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 4: the admin command adds, rotates (secret shown once), disables and lists nodes, and issues tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminCommandIT {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        CloudServers.register(registry, "admin_it");
    }

    @LocalServerPort
    int port;
    @Autowired
    AdminCommand admin;

    record Run(int status, String output) {
        /** The line after the "shown once" notice. */
        String shownOnce() {
            List<String> lines = output.lines().toList();
            for (int i = 0; i < lines.size() - 1; i++) {
                if (lines.get(i).contains("shown once")) {
                    return lines.get(i + 1);
                }
            }
            throw new AssertionError("nothing shown once in: " + output);
        }
    }

    private Run run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = admin.execute(new DefaultApplicationArguments(args), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Run(status, buffer.toString(StandardCharsets.UTF_8));
    }

    @Test
    void addsRotatesDisablesAndListsNodesWithoutShowingSecretsAgain() {
        IngestClient client = new IngestClient(port);
        assertThat(run("add-venue", "venue-x", "Venue X", "America/New_York").status()).isZero();
        Run added = run("add-node", "node-x", "venue-x", "--legacy");
        assertThat(added.status()).isZero();
        String first = added.shownOnce();
        assertThat(client.postSigned("node-x", first, Events.simple("venue-x", "1.00", "0")).statusCode()).isEqualTo(202);

        Run rotated = run("rotate-secret", "node-x", "--overlap=PT1H");
        String second = rotated.shownOnce();
        assertThat(second).isNotEqualTo(first);
        assertThat(client.postSigned("node-x", first, Events.simple("venue-x", "1.00", "0")).statusCode()).isEqualTo(202);
        // The new secret works once the node cache (ingest.node-cache-ttl, 5 s) has reloaded the node.
        await().atMost(Duration.ofSeconds(15)).until(() ->
                client.postSigned("node-x", second, Events.simple("venue-x", "1.00", "0")).statusCode() == 202);
        Run listed = run("list");
        assertThat(listed.output()).contains("node-x").contains("venue-x").contains("America/New_York")
                .doesNotContain(first).doesNotContain(second);
        assertThat(listed.output().lines().filter(l -> l.startsWith("node-x")).findFirst().orElseThrow())
                .matches("node-x\\s+venue-x\\s+true\\s+false\\s+2\\s+\\d{4}-.*");

        // Node credentials are cached for ingest.node-cache-ttl (5 s): each change takes effect within that bound.
        assertThat(run("finish-rotation", "node-x").status()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() ->
                client.postSigned("node-x", first, Events.simple("venue-x", "1.00", "0")).statusCode() == 401);
        assertThat(run("disable", "node-x").status()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() ->
                client.postSigned("node-x", second, Events.simple("venue-x", "1.00", "0")).statusCode() == 403);
    }

    @Test
    void issuesAFinanceTokenShownOnceAndRefusesBadInput() {
        run("add-venue", "venue-y", "Venue Y");
        Run issued = run("issue-token", "month-end", "venue-y");
        String token = issued.shownOnce();
        IngestClient client = new IngestClient(port);
        assertThat(client.get("/api/reports/daily-totals?venueId=venue-y&date=2026-11-24",
                Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
        assertThat(run("list-tokens").output()).contains("month-end").doesNotContain(token);

        assertThat(run("add-node", "node-y", "no-such-venue").status()).isEqualTo(1);
        assertThat(run("add-node", "node-m", "venue-y").status()).isZero();
        assertThat(run("list").output().lines().filter(l -> l.startsWith("node-m")).findFirst().orElseThrow())
                .as("a node added without --legacy requires Standard Webhooks").matches("node-m\\s+venue-y\\s+true\\s+true\\s+1\\s+-");
        assertThat(run("add-venue", "venue-z", "Z", "Mars/Olympus").status()).isEqualTo(1);
        assertThat(run("frobnicate").status()).isEqualTo(2);
    }
}
