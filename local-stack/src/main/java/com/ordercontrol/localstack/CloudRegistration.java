package com.ordercontrol.localstack;

import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.ingest.registry.NodeRegistry;
import com.ordercontrol.ingest.reports.ReportTokens;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Registers a venue, its node and a finance token in the cloud, through the ingest service's own
 * registry classes (and so with the SQL they own), once the service has applied its migrations.
 */
public final class CloudRegistration {

    private final NodeRegistry nodes;
    private final ReportTokens tokens;

    public CloudRegistration(String cloudJdbcUrl) {
        JdbcTemplate jdbc = new JdbcTemplate(
                new SimpleDriverDataSource(new org.postgresql.Driver(), cloudJdbcUrl, PostgresServer.USER, ""));
        this.nodes = new NodeRegistry(jdbc, Clock.systemUTC());
        this.tokens = new ReportTokens(jdbc);
    }

    /**
     * A venue with its node (and the node's secret), which must sign with Standard Webhooks (the relay
     * does); the same call again changes nothing.
     */
    public void venueWithNode(String venueId, ZoneId zone, String nodeId, String secret) {
        nodes.addVenue(venueId, "Venue " + venueId, zone);
        nodes.addNode(nodeId, venueId, secret);
    }

    /** The same with a legacy node, which may also send the seed's body-only signature alone (curl, old POS). */
    public void venueWithLegacyNode(String venueId, ZoneId zone, String nodeId, String secret) {
        nodes.addVenue(venueId, "Venue " + venueId, zone);
        nodes.addLegacyNode(nodeId, venueId, secret);
    }

    /** A finance token that may read the given venues. */
    public void financeToken(String token, Set<String> venueIds) {
        tokens.register(token, "local-stack finance", venueIds);
    }

    public NodeRegistry nodes() {
        return nodes;
    }

    static void registerDevNode(LocalPipeline pipeline) {
        StackSettings s = pipeline.settings();
        CloudRegistration cloud = new CloudRegistration(pipeline.cloudJdbcUrl());
        // Legacy, so the seed-signed curl examples of the docs work against the local stack.
        cloud.venueWithLegacyNode(s.venueId(), ZoneId.of("UTC"), s.nodeId(), s.nodeSecret());
        cloud.financeToken(s.financeToken(), Set.of(s.venueId()));
    }
}
