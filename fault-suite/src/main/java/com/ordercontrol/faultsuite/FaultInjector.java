package com.ordercontrol.faultsuite;

import com.ordercontrol.localstack.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Injects one fault at a time at random moments: each kind in turn in a shuffled order (so every kind
 * happens), at a random venue, held for a random while, then undone. Between faults it restarts any
 * service that exited on its own, as a process supervisor would, and counts those exits.
 */
final class FaultInjector implements AutoCloseable {

    static final Duration LONG_DATABASE_OUTAGE = Duration.ofSeconds(40);

    private final CloudSide cloud;
    private final PoisonFault poison;
    private final List<VenueBox> venues;
    private final SuiteProfile profile;
    private final Random random;
    private final Consumer<String> log;
    private final Map<FaultKind, AtomicInteger> injected = new EnumMap<>(FaultKind.class);
    private final AtomicInteger unexpectedExits = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    FaultInjector(CloudSide cloud, PoisonFault poison, List<VenueBox> venues, SuiteProfile profile,
                  Consumer<String> log) {
        this.cloud = cloud;
        this.poison = poison;
        this.venues = venues;
        this.profile = profile;
        this.random = new Random(profile.seed());
        this.log = log;
        for (FaultKind kind : FaultKind.values()) {
            injected.put(kind, new AtomicInteger());
        }
        thread = new Thread(this::run, "fault-injector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        List<FaultKind> order = new ArrayList<>();
        try {
            while (running) {
                if (order.isEmpty()) {
                    Collections.addAll(order, FaultKind.values());
                    Collections.shuffle(order, random);
                }
                waitRandom(profile.faultEvery());
                if (!running) {
                    break;
                }
                inject(order.remove(0));
                reviveExited();
            }
        } catch (RuntimeException e) {
            failure = e;
            log.accept("fault injector stopped: " + e.getMessage());
        }
    }

    private void inject(FaultKind kind) {
        VenueBox venue = venues.get(random.nextInt(venues.size()));
        Duration hold = Duration.ofMillis(500 + random.nextInt(3_000));
        if ((kind == FaultKind.KILL_CLOUD_DB || kind == FaultKind.KILL_POS_DB) && injected.get(kind).get() % 2 == 1) {
            // Every second database outage outlasts the connection pools' 30 s wait for a connection, so
            // writers see failed transactions, not just slow ones.
            hold = LONG_DATABASE_OUTAGE;
        }
        log.accept(String.format("fault %-30s %s hold %d ms", kind.label, kind.name().startsWith("KILL_POS")
                || kind == FaultKind.KILL_RELAY || kind == FaultKind.CUT_LINK ? venue.venueId : "cloud",
                kind == FaultKind.POISON ? 0 : hold.toMillis()));
        injected.get(kind).incrementAndGet();
        switch (kind) {
            case KILL_RELAY -> {
                venue.killRelay();
                Waits.pause(hold);
                venue.startRelay();
            }
            case KILL_POS_API -> {
                venue.killPos();
                Waits.pause(hold);
                venue.startPos();
            }
            case KILL_POS_DB -> {
                venue.killDatabase();
                Waits.pause(hold);
                venue.startDatabase();
            }
            case KILL_INGEST -> {
                cloud.killIngest();
                Waits.pause(hold);
                cloud.startIngest();
            }
            case KILL_KAFKA -> {
                cloud.killKafka();
                Waits.pause(hold);
                cloud.startKafka();
            }
            case KILL_CLOUD_DB -> {
                cloud.killDatabase();
                Waits.pause(hold);
                cloud.startDatabase();
            }
            case CUT_LINK -> {
                venue.link().cut();
                Waits.pause(hold.multipliedBy(3));
                venue.link().restore();
            }
            case PAUSE_CLOUD -> {
                cloud.ingest().pause();
                Waits.pause(profile.cloudPause());
                cloud.ingest().resume();
            }
            case POISON -> poison.inject();
        }
    }

    /** Restarts services that exited without being told to; each one is counted. */
    void reviveExited() {
        if (cloud.reviveExited()) {
            unexpectedExits.incrementAndGet();
            log.accept("a cloud service had exited on its own; restarted it");
        }
        for (VenueBox venue : venues) {
            if (venue.reviveExited()) {
                unexpectedExits.incrementAndGet();
                log.accept("a service of " + venue.venueId + " had exited on its own; restarted it");
            }
        }
    }

    private void waitRandom(Duration mean) {
        long millis = (long) (mean.toMillis() * (0.5 + random.nextDouble()));
        long deadline = System.currentTimeMillis() + millis;
        while (running && System.currentTimeMillis() < deadline) {
            Waits.pause(Duration.ofMillis(Math.min(200, Math.max(1, deadline - System.currentTimeMillis()))));
        }
    }

    int total() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Map<FaultKind, Integer> byKind() {
        Map<FaultKind, Integer> out = new EnumMap<>(FaultKind.class);
        injected.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    int unexpectedExits() {
        return unexpectedExits.get();
    }

    /** Rethrows what stopped the injector, if anything did. */
    void requireHealthy() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops injecting after the fault in progress has been undone. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
