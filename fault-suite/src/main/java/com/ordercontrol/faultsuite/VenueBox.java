package com.ordercontrol.faultsuite;

import com.ordercontrol.infra.FreePort;
import com.ordercontrol.infra.PostgresServer;
import com.ordercontrol.localstack.PosClient;
import com.ordercontrol.localstack.ServiceProcess;
import com.ordercontrol.localstack.ServiceSpecs;
import com.ordercontrol.localstack.TcpProxy;
import com.ordercontrol.localstack.Waits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * One venue's box as separate processes: its PostgreSQL, the POS API and the relay, whose link to the
 * cloud goes through a {@link TcpProxy} that can be cut.
 */
final class VenueBox implements AutoCloseable {

    static final String DATABASE = "pos";

    /** How often the suite's relays report their health (idle heartbeat and after deliveries). */
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(1);

    /**
     * Relay settings for the suite: the seed's policy with shorter steps, so a few minutes hold many
     * backoff rounds, a full queue and several reconciliation sweeps. The cap is lowered to 100 so
     * back-pressure really happens. Health reports go every second, so the silent-node check
     * ({@link SilentNodeCheck}) sees a stopped relay within the cloud's short threshold.
     */
    static final Map<String, String> RELAY_TUNING = Map.of(
            "RELAY_QUEUE_CAPACITY", "100",
            "RELAY_BACKOFF_BASE", "500ms",
            "RELAY_BACKOFF_CAP", "8s",
            "RELAY_WORKER_INTERVAL", "1s",
            "RELAY_HTTP_TIMEOUT", "3s",
            "RELAY_RECONCILE_GRACE", "5s",
            "RELAY_RECONCILE_INTERVAL", "5s",
            "RELAY_HEALTH_INTERVAL", HEALTH_INTERVAL.toMillis() + "ms",
            "RELAY_HEALTH_MIN_INTERVAL", HEALTH_INTERVAL.toMillis() + "ms");

    final String venueId;
    final String nodeId;
    final String secret;
    final int queueCap = Integer.parseInt(RELAY_TUNING.get("RELAY_QUEUE_CAPACITY"));
    private final Path home;
    private final Path dir;
    private final int dbPort = FreePort.pick();
    private final int posPort = FreePort.pick();
    private final TcpProxy link;
    private PostgresServer db;
    private ServiceProcess pos;
    private ServiceProcess relay;

    VenueBox(Path home, Path dir, String venueId, String nodeId, String secret, int cloudPort) {
        this.home = home;
        this.dir = dir;
        this.venueId = venueId;
        this.nodeId = nodeId;
        this.secret = secret;
        this.link = TcpProxy.start(cloudPort);
    }

    void start() {
        db = PostgresServer.startFresh(dir.resolve("postgres"), dbPort);
        db.createDatabase(DATABASE);
        pos = ServiceProcess.start(ServiceSpecs.pos("pos-" + venueId, home, posPort, jdbcUrl(), venueId,
                dir.resolve("logs/pos.log")));
        Waits.listening(pos, posPort, CloudSide.START_LIMIT);
        relay = ServiceProcess.start(ServiceSpecs.relay("relay-" + venueId, home,
                "http://127.0.0.1:" + link.port(), nodeId, secret, jdbcUrl(), RELAY_TUNING,
                dir.resolve("logs/relay.log")));
        Waits.slotActive(relay, jdbcUrl(), PostgresServer.USER, CloudSide.START_LIMIT);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), PostgresServer.USER, "");
    }

    PosClient posClient() {
        return new PosClient("http://127.0.0.1:" + posPort);
    }

    TcpProxy link() {
        return link;
    }

    void killRelay() {
        relay.kill();
    }

    void startRelay() {
        relay = relay.restart();
    }

    void killPos() {
        pos.kill();
    }

    void startPos() {
        pos = pos.restart();
        Waits.listening(pos, posPort, CloudSide.START_LIMIT);
    }

    void killDatabase() {
        db.killHard();
    }

    void startDatabase() {
        db = PostgresServer.startExisting(dir.resolve("postgres"), dbPort);
    }

    /** Restarts a service that exited on its own (as systemd's Restart=always would); true if it did. */
    boolean reviveExited() {
        boolean revived = false;
        if (!pos.isAlive()) {
            startPos();
            revived = true;
        }
        if (!relay.isAlive()) {
            startRelay();
            revived = true;
        }
        return revived;
    }

    @Override
    public void close() {
        link.close();
        if (relay != null) {
            relay.close();
        }
        if (pos != null) {
            pos.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
