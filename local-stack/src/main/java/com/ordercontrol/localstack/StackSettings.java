package com.ordercontrol.localstack;

import java.nio.file.Path;

/**
 * What the local stack starts and where.
 *
 * @param home        the repository root (modules are found below it)
 * @param dataDir     where every server keeps its data and logs (wiped at start)
 * @param ingestPort  the cloud ingest service's HTTP port (seed default 8080)
 * @param posPort     the reference POS API's HTTP port (8081)
 * @param venueId     the venue of the one NUC
 * @param nodeId      the NUC's node id ({@code SERVER_NODE_ID})
 * @param nodeSecret  the NUC's signing secret ({@code SERVER_API_KEY}); a dev value, never logged
 * @param financeToken the bearer token finance uses for the report; a dev value
 */
public record StackSettings(Path home, Path dataDir, int ingestPort, int posPort, String venueId, String nodeId,
                            String nodeSecret, String financeToken) {

    /** The seed's dev defaults: ports 8080 and 8081, {@code dev-nuc-1} / {@code dev-secret} for {@code venue-1}. */
    public static StackSettings devDefaults(Path home, Path dataDir) {
        return new StackSettings(home, dataDir, 8080, 8081, "venue-1", "dev-nuc-1", "dev-secret", "dev-finance-token");
    }

    public StackSettings withPorts(int ingest, int pos) {
        return new StackSettings(home, dataDir, ingest, pos, venueId, nodeId, nodeSecret, financeToken);
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    public String posUrl() {
        return "http://127.0.0.1:" + posPort;
    }

    @Override
    public String toString() {
        return "StackSettings[home=" + home + ", dataDir=" + dataDir + ", ingestPort=" + ingestPort + ", posPort="
                + posPort + ", venueId=" + venueId + ", nodeId=" + nodeId + ", nodeSecret=***, financeToken=***]";
    }
}
