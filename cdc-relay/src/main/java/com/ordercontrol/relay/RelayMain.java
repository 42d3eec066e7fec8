package com.ordercontrol.relay;

import com.ordercontrol.relay.config.RelaySettings;
import java.util.concurrent.CountDownLatch;

/** Runs the relay from environment variables until SIGTERM / Ctrl-C. */
public final class RelayMain {

    private RelayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RelaySettings settings;
        try {
            settings = RelaySettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Relay relay;
        try {
            relay = Relay.start(settings);
        } catch (RuntimeException e) {
            // Database unreachable, migration failed, publication missing: say so in one line and stop.
            System.err.println("relay could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }, "relay-shutdown"));
        stopped.await();
    }
}
