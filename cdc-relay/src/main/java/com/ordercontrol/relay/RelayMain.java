package com.ordercontrol.relay;

import com.ordercontrol.relay.config.NucDatabase;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.ops.RelayCommands;
import com.ordercontrol.relay.ops.RelayManagement;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The relay jar's entry point. Without arguments it runs the relay from environment variables until
 * SIGTERM / Ctrl-C; with arguments it runs an operator command ({@code status}, {@code redrive},
 * {@code resend --since <time>}: {@link RelayCommands}) and exits. The relay serves its management port
 * ({@code RELAY_MANAGEMENT_PORT}, default 9082, {@code off} to disable; {@code RELAY_MANAGEMENT_ADDRESS},
 * default 0.0.0.0) serving {@code /health} and {@code /prometheus}.
 */
public final class RelayMain {

    /** The management port when {@code RELAY_MANAGEMENT_PORT} is not set. */
    public static final int DEFAULT_MANAGEMENT_PORT = 9082;

    private RelayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.exit(RelayCommands.run(args, System.getenv(), java.time.Clock.systemUTC(), System.out, System.err));
            return;
        }
        RelaySettings settings;
        Integer managementPort;
        Duration databaseWait;
        try {
            settings = RelaySettings.fromEnvironment(System.getenv());
            managementPort = managementPort(System.getenv());
            databaseWait = NucDatabase.startupWait(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Relay relay;
        try {
            NucDatabase.awaitReachable(settings, databaseWait);
            relay = Relay.start(settings);
        } catch (RuntimeException e) {
            // Database unreachable past RELAY_DB_STARTUP_WAIT or refusing the settings, migration failed,
            // publication missing: say so in one line and stop.
            System.err.println("relay could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        RelayManagement management = startManagement(relay, settings, managementPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (management != null) {
                management.close();
            }
            relay.close();
            stopped.countDown();
        }, "relay-shutdown"));
        stopped.await();
    }

    /** {@code RELAY_MANAGEMENT_PORT}: a port (0 = any free one), or {@code off}; null when off. */
    static Integer managementPort(Map<String, String> env) {
        String text = env.getOrDefault("RELAY_MANAGEMENT_PORT", String.valueOf(DEFAULT_MANAGEMENT_PORT)).trim();
        if (text.equalsIgnoreCase("off")) {
            return null;
        }
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid relay settings: RELAY_MANAGEMENT_PORT must be a port number "
                    + "(0 for any free port) or 'off', was '" + text + "'");
        }
    }

    /** Health and metrics are for operators: a port that cannot be bound is logged, delivery goes on. */
    private static RelayManagement startManagement(Relay relay, RelaySettings settings, Integer port) {
        if (port == null) {
            return null;
        }
        String address = System.getenv().getOrDefault("RELAY_MANAGEMENT_ADDRESS", "0.0.0.0");
        try {
            return RelayManagement.start(address, port, relay::status, relay.counters(), settings.slotName());
        } catch (IOException | RuntimeException e) {
            System.err.println("relay management port " + address + ":" + port + " not available (" + e.getMessage()
                    + "); the relay runs on without /health and /prometheus");
            return null;
        }
    }
}
