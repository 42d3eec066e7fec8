package com.ordercontrol.bench;

import com.ordercontrol.ingest.IngestApplication;
import com.ordercontrol.ingest.admin.AdminCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Registers venues and nodes through the ingest's own admin command ({@code admin add-venue},
 * {@code admin add-node --secret=...}), run in this JVM inside one Spring context of the service for
 * all of them: starting the command's JVM once per node would take minutes for 500 nodes. The context
 * is the one {@code java -jar ingest.jar admin ...} builds: no web server, no consumer, no Kafka.
 */
final class NodeRegistration implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final AdminCommand admin;

    NodeRegistration(Cloud cloud) {
        this.context = new SpringApplicationBuilder(IngestApplication.class)
                .web(WebApplicationType.NONE)
                .run("--ingest.consumer-enabled=false", "--ingest.apply-topic-settings=false",
                        "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                        "--spring.datasource.url=" + cloud.jdbcUrl(),
                        "--spring.datasource.username=" + cloud.jdbcUser(),
                        "--spring.datasource.password=" + cloud.jdbcPassword());
        this.admin = context.getBean(AdminCommand.class);
    }

    /** {@code admin add-venue <venue> <name>} then {@code admin add-node <node> <venue> --secret=<secret>}. */
    void venueWithNode(String venueId, String nodeId, String secret) {
        run("add-venue", venueId, "Load test " + venueId);
        run("add-node", nodeId, venueId, "--secret=" + secret);
    }

    private void run(String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = admin.execute(new DefaultApplicationArguments(words), new PrintStream(out, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("admin " + words[0] + " " + words[1] + " failed (" + status + "): "
                    + out.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
