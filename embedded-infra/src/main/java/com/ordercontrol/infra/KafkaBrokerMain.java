package com.ordercontrol.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link KafkaBroker} as its own process, so a fault test can kill it with SIGKILL and start it
 * again on the same log directory and ports.
 *
 * <p>Usage: {@code KafkaBrokerMain <logDir> <port> <controllerPort> [fresh]}. Prints {@code READY <bootstrap>}
 * once it answers metadata requests; stops cleanly on SIGTERM.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: KafkaBrokerMain <logDir> <port> <controllerPort> [fresh]");
            System.exit(64);
        }
        boolean fresh = args.length > 3 && "fresh".equals(args[3]);
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), fresh);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
