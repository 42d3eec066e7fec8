package com.ordercontrol.faultsuite;

import com.ordercontrol.faultsuite.BadRequestCorpus.Nodes;
import com.ordercontrol.faultsuite.Verdict.VenueResult;
import com.ordercontrol.localstack.CloudRegistration;
import com.ordercontrol.localstack.CloudReportClient;
import com.ordercontrol.localstack.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The fault-injection and load suite: several venue boxes and one cloud, each part its own process;
 * steady paid orders and a trickle of bad requests while processes are killed (SIGKILL) and restarted,
 * links cut and the cloud paused; then, once the system settled, the verdict.
 *
 * <p>Run: {@code bin/fault-suite [quick|soak] [--seed N]}; CI runs the quick profile as a test.
 */
public final class FaultSuite {

    /** What a run found; {@link #passed()} is the verdict. */
    public record Report(SuiteProfile profile, Map<FaultKind, Integer> faults, int unexpectedExits, int paidOrders,
                         int failedPayCalls, List<VenueResult> venues, Map<String, BadTraffic.Tally> badRequests,
                         int storedRefusals, int missingDeadLetters, PoisonFault.Result poison,
                         SilentNodeCheck.Result silentNode, Duration trafficTime, Duration settleTime, boolean settled) {

        public int totalFaults() {
            return faults.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Payments and refunds of the POS that are not facts in the cloud. */
        public int lost() {
            return venues.stream().mapToInt(v -> v.lost() + v.refundsLost()).sum();
        }

        /** Facts and events the POS does not have (payments and refunds). */
        public int doubled() {
            return venues.stream().mapToInt(v -> v.extra() + v.extraEvents() + v.refundsExtra()).sum();
        }

        /** Refunds the POS confirmed during the traffic. */
        public int refunds() {
            return venues.stream().mapToInt(VenueResult::posRefunds).sum();
        }

        public boolean badRequestsAsExpected() {
            return badRequests.values().stream().allMatch(t -> t.mismatched() == 0);
        }

        public boolean passed() {
            return settled && Verdict.allOk(venues) && badRequestsAsExpected() && storedRefusals == 0
                    && missingDeadLetters == 0 && poison.ok() && silentNode.ok();
        }
    }

    static final String PROBE_VENUE = "venue-probe";
    /** The suite's finance token: reads the node health of the suite's venues. */
    static final String HEALTH_TOKEN = "fault-suite-health-token";

    private final Path home;
    private final Path dataDir;
    private final Consumer<String> log;

    public FaultSuite(Path home, Path dataDir, Consumer<String> log) {
        this.home = home;
        this.dataDir = dataDir;
        this.log = log;
    }

    public Report run(SuiteProfile profile) throws Exception {
        Files.createDirectories(dataDir);
        List<VenueBox> venues = new ArrayList<>();
        try (CloudSide cloud = new CloudSide(home, dataDir.resolve("cloud"))) {
            log.accept("starting the cloud (PostgreSQL, Kafka, ingest) ...");
            cloud.start();
            CloudRegistration registry = new CloudRegistration(cloud.jdbcUrl());
            for (int i = 1; i <= profile.venues(); i++) {
                String venueId = "venue-" + i;
                // nuc-1 is also the bad-request corpus's seed-only sender, so it is registered as legacy.
                if (i == 1) {
                    registry.venueWithLegacyNode(venueId, ZoneId.of("UTC"), "nuc-" + i, "secret-" + i + "-" + profile.seed());
                } else {
                    registry.venueWithNode(venueId, ZoneId.of("UTC"), "nuc-" + i, "secret-" + i + "-" + profile.seed());
                }
                venues.add(new VenueBox(home, dataDir.resolve(venueId), venueId, "nuc-" + i,
                        "secret-" + i + "-" + profile.seed(), cloud.ingestPort()));
            }
            registry.financeToken(HEALTH_TOKEN, venues.stream().map(v -> v.venueId).collect(Collectors.toSet()));
            registry.venueWithLegacyNode("venue-1", ZoneId.of("UTC"), "nuc-disabled", "disabled-secret");
            registry.nodes().setEnabled("nuc-disabled", false);
            // A cloud-only venue whose probe events show that facts flow right after a poison.
            registry.venueWithNode(PROBE_VENUE, ZoneId.of("UTC"), "nuc-probe", "probe-secret-" + profile.seed());
            for (VenueBox venue : venues) {
                log.accept("starting " + venue.venueId + " (PostgreSQL, POS API, relay) ...");
                venue.start();
            }
            try {
                return exercise(profile, cloud, venues);
            } finally {
                venues.forEach(VenueBox::close);
            }
        }
    }

    private Report exercise(SuiteProfile profile, CloudSide cloud, List<VenueBox> venues) throws SQLException {
        Nodes nodes = new Nodes("venue-1", "nuc-1", venues.get(0).secret, "venue-2", "nuc-disabled", "disabled-secret");
        long start = System.nanoTime();
        Map<FaultKind, Integer> faults;
        int unexpectedExits;
        Traffic traffic;
        BadTraffic bad;
        QueueMonitor monitor = new QueueMonitor(venues);
        PoisonFault poison = new PoisonFault(cloud, new PoisonFault.Node("venue-1", "nuc-1", venues.get(0).secret),
                new PoisonFault.Node(PROBE_VENUE, "nuc-probe", "probe-secret-" + profile.seed()), log);
        log.accept("traffic and faults: profile " + profile.name() + ", seed " + profile.seed());
        try (Traffic t = new Traffic(venues, profile.ordersPerSecond(), profile.seed());
             BadTraffic b = new BadTraffic(new BadRequestCorpus(cloud.ingestUrl()), nodes, cloud,
                     cloud.ingestUrl(), Duration.ofMillis(700));
             FaultInjector injector = new FaultInjector(cloud, poison, venues, profile, log)) {
            traffic = t;
            bad = b;
            long lastReport = System.nanoTime();
            while (elapsed(start).compareTo(profile.minTrafficTime()) < 0 || injector.total() < profile.minFaults()
                    || t.paidOrders() < profile.minOrders()) {
                injector.requireHealthy();
                Waits.pause(Duration.ofMillis(500));
                if (System.nanoTime() - lastReport > 30_000_000_000L) {
                    lastReport = System.nanoTime();
                    log.accept(String.format("  %d s: %d orders paid, %d faults, queue max %s",
                            elapsed(start).toSeconds(), t.paidOrders(), injector.total(), monitor.maxDepth()));
                }
            }
            injector.close();
            injector.reviveExited();
            faults = injector.byKind();
            unexpectedExits = injector.unexpectedExits();
            t.close();
            b.close();
            Duration trafficTime = elapsed(start);
            log.accept("traffic stopped after " + trafficTime.toSeconds() + " s; waiting for the system to settle ...");
            long settleStart = System.nanoTime();
            boolean settled = settle(profile, cloud, venues, injector);
            Duration settleTime = elapsed(settleStart);
            monitor.close();
            SilentNodeCheck.Result silentNode = SilentNodeCheck.run(new CloudReportClient(cloud.ingestUrl(), HEALTH_TOKEN),
                    venues.get(venues.size() - 1), venues, CloudSide.SILENT_AFTER, log);
            List<VenueResult> results = new ArrayList<>();
            Set<String> corpus = new HashSet<>(bad.refusedEventIds());
            corpus.addAll(bad.deadLetterEventIds());
            for (VenueBox venue : venues) {
                results.add(Verdict.judge(venue, cloud, traffic.acknowledgedPayments(venue.venueId),
                        traffic.acknowledgedRefunds(venue.venueId), corpus, monitor.maxDepth().get(venue.venueId)));
            }
            return new Report(profile, faults, unexpectedExits, traffic.paidOrders(), traffic.failedCalls(), results,
                    bad.tallies(), Verdict.storedRefusals(cloud, bad.refusedEventIds(), bad.refusedPaymentIds()),
                    Verdict.missingDeadLetters(cloud, bad.deadLetterEventIds()), poison.result(), silentNode,
                    trafficTime, settleTime, settled);
        }
    }

    /**
     * Waits until every venue's queue is empty and the cloud has as many payment facts as the POS has
     * payments, and as many refund facts as it has refunds.
     */
    private boolean settle(SuiteProfile profile, CloudSide cloud, List<VenueBox> venues, FaultInjector injector) {
        long deadline = System.nanoTime() + profile.settleLimit().toNanos();
        while (System.nanoTime() < deadline) {
            injector.reviveExited();
            if (venues.stream().allMatch(v -> settled(v, cloud))) {
                return true;
            }
            Waits.pause(Duration.ofSeconds(1));
        }
        return false;
    }

    private static boolean settled(VenueBox venue, CloudSide cloud) {
        try (Connection pos = venue.connect(); Connection c = cloud.connect()) {
            int queued = single(pos.prepareStatement("select count(*) from cloud_event_queue"));
            int payments = single(pos.prepareStatement("select count(*) from payments"));
            int refunds = single(pos.prepareStatement("select count(*) from refunds"));
            PreparedStatement facts = c.prepareStatement("select count(*) from payment_facts where venue_id = ?");
            facts.setString(1, venue.venueId);
            PreparedStatement refundFacts = c.prepareStatement("select count(*) from refund_facts where venue_id = ?");
            refundFacts.setString(1, venue.venueId);
            return queued == 0 && single(facts) == payments && single(refundFacts) == refunds;
        } catch (SQLException e) {
            return false;
        }
    }

    private static int single(PreparedStatement statement) throws SQLException {
        try (statement; ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
