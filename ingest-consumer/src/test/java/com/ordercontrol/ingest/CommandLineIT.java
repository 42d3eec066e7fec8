package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.ingest.support.CloudServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The commands through the same entry point as {@code java -jar ... admin|replay} (only the
 * {@code System.exit} is left out): own Spring context, properties from the command line.
 */
class CommandLineIT {

    private static String run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = IngestApplication.runCommand(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        return output;
    }

    @Test
    void adminAndReplayRunFromTheCommandLine() {
        String url = CloudServers.postgres().createDatabase("command_line_it");
        String db = "--spring.datasource.url=" + url;
        String user = "--spring.datasource.username=" + PostgresServer.USER;
        // Kafka is not needed by admin commands: point them at a port where nothing listens.
        String noKafka = "--spring.kafka.bootstrap-servers=127.0.0.1:1";

        run("admin", "add-venue", "venue-cli", "CLI venue", "Europe/Lisbon", db, user, noKafka);
        String added = run("admin", "add-node", "node-cli", "venue-cli", db, user, noKafka);
        String listed = run("admin", "list", db, user, noKafka);

        assertThat(added).contains("node node-cli registered for venue venue-cli").contains("shown once");
        String secret = added.lines().reduce((a, b) -> b).orElseThrow();
        assertThat(listed).contains("node-cli").contains("Europe/Lisbon").doesNotContain(secret);

        String replayed = run("replay", "--from-beginning", "--into=live", db, user,
                "--spring.kafka.bootstrap-servers=" + CloudServers.kafka().bootstrapServers(),
                "--ingest.topic=command-line-it-events", "--ingest.cap-replication-to-cluster=true");
        assertThat(replayed).contains("replay into live tables: events read 0,");
    }

    @Test
    void aCommandNeverStartsTheLiveConsumer() {
        String url = CloudServers.postgres().createDatabase("command_line_it");
        int running = CommandLauncher.launch(new String[] {"--spring.datasource.url=" + url,
                "--spring.kafka.bootstrap-servers=127.0.0.1:1"}, false, context -> context
                .getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("facts").isRunning() ? 1 : 0);
        assertThat(running).isZero();
    }
}
