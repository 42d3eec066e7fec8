package com.ordercontrol.bench;

import com.ordercontrol.localstack.ServiceProcess;
import com.ordercontrol.localstack.ServiceSpecs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bin/benchmark relay}: our relay against Debezium Server's HTTP sink (single and batch mode), each
 * on a fresh POS database of the same shape, all delivering to the same ingest. Each contender finds a
 * backlog in its outbox when it starts (its replication slot is created before the backlog is written,
 * as if it had been down), drains it, then carries a steady load of one order per transaction.
 */
final class RelayBenchmark {

    static final Set<String> OPTIONS = Set.of("backlog", "rate", "seconds", "only", "batch-size", "relay-env",
            "ingest-arg", "relay-heap", "peer-heap", "peer-jvm", "warmup-seconds", "settle-seconds");

    /** One contender's figures. */
    record Result(String label, double drainPerSecond, double startToDrainedSeconds, double p50, double p99,
                  double rssMiB, double cpuSeconds, boolean factsEqual) {
    }

    /** The peer's JVM: {@code --peer-heap} (default 192m, serial collector) and any {@code --peer-jvm} options. */
    private record PeerJvm(String heap, List<String> options) {
    }

    /** A relay under test, whichever kind: its process and how to stop it. */
    private record Contender(long pid, java.util.function.BooleanSupplier alive, java.util.function.Supplier<String> log,
                             Runnable stop) implements AutoCloseable {
        boolean isAlive() {
            return alive.getAsBoolean();
        }

        String tail() {
            return log.get();
        }

        @Override
        public void close() {
            stop.run();
        }
    }

    private RelayBenchmark() {
    }

    static int run(Path home, Path dataDir, String[] args) throws Exception {
        Options o = new Options(args, OPTIONS);
        int backlog = o.integer("backlog", 10_000);
        double rate = o.decimal("rate", 50);
        int seconds = o.integer("seconds", 60);
        int batch = o.integer("batch-size", 100);
        List<String> only = List.of(o.text("only", "relay,single,batch").split(","));
        Map<String, String> relayEnv = new HashMap<>();
        for (String kv : o.all("relay-env")) {
            relayEnv.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Path dist = only.contains("single") || only.contains("batch") ? DebeziumServerPeer.distribution(home) : null;
        System.out.println("starting the cloud (PostgreSQL, Kafka, ingest) under " + dataDir + " ...");
        List<Result> results = new ArrayList<>();
        try (Cloud cloud = Cloud.start(home, dataDir.resolve("cloud"), o.all("ingest-arg"))) {
            Map<String, String> secrets = new LinkedHashMap<>();
            SimulatedNode warmup = new SimulatedNode("bench-warmup-nuc", "bench-warmup",
                    HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
            try (NodeRegistration admin = new NodeRegistration(cloud)) {
                admin.venueWithNode(warmup.venueId(), warmup.nodeId(), warmup.secret());
                for (String key : only) {
                    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                    admin.venueWithNode("bench-" + key, "bench-" + key + "-nuc", secret);
                    secrets.put(key, secret);
                }
            }
            warmUp(cloud, warmup, Duration.ofSeconds(o.integer("warmup-seconds", 60)));
            for (String key : only) {
                String label = switch (key) {
                    case "relay" -> "our relay";
                    case "single" -> DebeziumServerPeer.Mode.single().label();
                    case "batch" -> DebeziumServerPeer.Mode.batchOf(batch).label();
                    default -> throw new IllegalArgumentException("--only takes relay, single, batch");
                };
                System.out.println("== " + label + " ==");
                results.add(runOne(home, dist, dataDir.resolve(key), cloud, key, label, secrets.get(key), backlog, rate,
                        seconds, batch, relayEnv, o.text("relay-heap", null),
                        new PeerJvm(o.text("peer-heap", "192m"), o.all("peer-jvm")),
                        Duration.ofSeconds(o.integer("settle-seconds", 10))));
            }
        }
        print(results, backlog, rate, seconds);
        return results.stream().allMatch(Result::factsEqual) ? 0 : 1;
    }

    /**
     * Sends single events and arrays to both endpoints for {@code duration}, so the first contender does
     * not pay for a cold cloud (the JIT compilers of the ingest and Kafka were still busy for a minute
     * after a shorter warm-up of 600 requests, taking CPU from the contender under test), and the order of
     * the contenders does not favour the later ones.
     */
    private static void warmUp(Cloud cloud, SimulatedNode node, Duration duration) throws java.io.IOException {
        java.net.URI uri = java.net.URI.create(cloud.ingestUrl());
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        int requests = 0;
        try (HttpConnection connection = new HttpConnection(uri.getHost(), uri.getPort())) {
            for (int round = 0; round < 30 || System.nanoTime() < end; round++) {
                for (int i = 0; i < 20; i++) {
                    boolean array = i % 4 == 3;
                    SimulatedNode.Body body = node.next(array ? 100 : 1, array,
                            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
                    String path = i % 2 == 0 ? "/api/events/ingest" : "/api/nodes/" + node.nodeId() + "/events";
                    connection.post(path, node.headers(body, array, true, i % 2 == 0), body.bytes());
                    requests++;
                }
                Waits.sleep(200); // about 1,500 events/s: the facts consumer keeps up, no lag is left over
            }
        }
        Waits.sleep(5_000);
        System.out.printf("cloud warmed up: %d requests in %.1f s%n", requests, (System.nanoTime() - t0) / 1e9);
    }

    private static Result runOne(Path home, Path dist, Path dir, Cloud cloud, String key, String label, String secret,
                                 int backlog, double rate, int seconds, int batch, Map<String, String> relayEnv,
                                 String relayHeap, PeerJvm peerJvm, Duration settle) throws Exception {
        String venue = "bench-" + key;
        String node = venue + "-nuc";
        boolean relay = key.equals("relay");
        try (PosDatabase pos = PosDatabase.startFresh(dir.resolve("pos-postgres"))) {
            String slot = relay ? ServiceSpecs.RELAY_SLOT : PosDatabase.PEER_SLOT;
            try (Connection c = pos.connect(); Statement s = c.createStatement()) {
                s.execute("select pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            }
            OutboxFeeder feeder = new OutboxFeeder(pos, venue);
            feeder.backlog(backlog, 500);
            System.out.printf("backlog of %,d events committed; starting %s%n", backlog, label);
            try (FactsWatch watch = new FactsWatch(cloud, feeder.backlogIds(), feeder.committedAt())) {
                long started = System.nanoTime();
                try (Contender contender = relay
                        ? relay(home, dir, cloud, node, secret, pos, relayEnv, relayHeap)
                        : peer(home, dist, dir, cloud, node, secret, pos, key.equals("batch")
                        ? DebeziumServerPeer.Mode.batchOf(batch) : DebeziumServerPeer.Mode.single(), peerJvm)) {
                    awaitCount(watch, backlog, Duration.ofMinutes(15), contender);
                    long drained = watch.lastChange();
                    double drainSeconds = (drained - watch.firstSeen()) / 1e9;
                    double drainRate = backlog / Math.max(drainSeconds, 1e-3);
                    System.out.printf("drained %,d events: first fact %.1f s after start, all %.1f s after start: %,.0f events/s%n",
                            backlog, (watch.firstSeen() - started) / 1e9, (drained - started) / 1e9, drainRate);
                    // The first seconds after a drain are slow for every contender (both showed their slowest
                    // 1% there); the steady figures are about a venue at its pace, so they start after a pause.
                    Waits.sleep(settle.toMillis());
                    feeder.steady(rate, Duration.ofSeconds(seconds));
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (watch.pendingCount() > 0 && System.nanoTime() < deadline && contender.isAlive()) {
                        Waits.sleep(20);
                    }
                    ProcStats stats = ProcStats.of(contender.pid());
                    Percentiles p = new Percentiles(watch.latencies());
                    System.out.printf("steady %.0f orders/s for %d s: %,d facts, commit->fact p50 %.1f ms, p99 %.1f ms"
                                    + " (%d not arrived); RSS %.0f MiB, CPU %.1f s%n", rate, seconds, p.count(),
                            p.millis(50), p.millis(99), watch.pendingCount(), stats.rssMiB(), stats.cpuSeconds());
                    System.out.println("slowest 1% by commit time: " + String.join(", ", watch.slowest(p.count() / 100)));
                    boolean equal = factsEqual(cloud, venue, feeder.totals());
                    return new Result(label, drainRate, (drained - started) / 1e9, p.millis(50), p.millis(99),
                            stats.rssMiB(), stats.cpuSeconds(), equal);
                }
            }
        }
    }

    private static Contender relay(Path home, Path dir, Cloud cloud, String node, String secret, PosDatabase pos,
                                   Map<String, String> env, String heap) {
        ServiceProcess.Spec spec = ServiceSpecs.relay("relay", home, cloud.ingestUrl(), node, secret, pos.jdbcUrl(), env,
                dir.resolve("relay.log"));
        ServiceProcess p = ServiceProcess.start(heap == null ? spec : spec.withMaxHeap(heap));
        return new Contender(p.pid(), p::isAlive, () -> p.tail(30), p::close);
    }

    private static Contender peer(Path home, Path dist, Path dir, Cloud cloud, String node, String secret,
                                  PosDatabase pos, DebeziumServerPeer.Mode mode, PeerJvm jvm) {
        DebeziumServerPeer p = DebeziumServerPeer.start(home, dist, dir.resolve("debezium-server"), pos,
                cloud.ingestUrl(), node, secret, mode, jvm.heap(), jvm.options());
        return new Contender(p.pid(), p::isAlive, () -> p.tail(30), p::close);
    }

    private static void awaitCount(FactsWatch watch, long count, Duration timeout, Contender contender) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (watch.count() < count) {
            if (!contender.isAlive()) {
                throw new IllegalStateException("the contender exited:\n" + contender.tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + watch.count() + " of " + count + " events arrived in "
                        + timeout + ":\n" + contender.tail());
            }
            Waits.sleep(10);
        }
    }

    private static final String FACT_SUMS = """
            select count(*), coalesce(sum(amount), 0), coalesce(sum(tip), 0) from payment_facts where venue_id = ?""";

    private static boolean factsEqual(Cloud cloud, String venue, OutboxFeeder.Totals sent) throws SQLException {
        try (Connection c = cloud.connect(); PreparedStatement ps = c.prepareStatement(FACT_SUMS)) {
            ps.setString(1, venue);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                BigDecimal amount = rs.getBigDecimal(2);
                BigDecimal tip = rs.getBigDecimal(3);
                boolean ok = rows == sent.payments && amount.compareTo(sent.amount) == 0 && tip.compareTo(sent.tip) == 0;
                System.out.printf("facts: %,d payments (POS %,d), amounts %s (POS %s), tips %s (POS %s): %s%n", rows,
                        sent.payments, amount.stripTrailingZeros().toPlainString(), sent.amount.toPlainString(),
                        tip.stripTrailingZeros().toPlainString(), sent.tip.toPlainString(), ok ? "equal" : "DIFFERENT");
                return ok;
            }
        }
    }

    private static void print(List<Result> results, int backlog, double rate, int seconds) {
        Result ours = results.stream().filter(r -> r.label().equals("our relay")).findFirst().orElse(null);
        List<Result> peers = results.stream().filter(r -> r != ours).toList();
        System.out.printf("%nbacklog %,d events, then (after a pause) %.0f orders/s for %d s; ratio = our relay / peer%n%n",
                backlog, rate, seconds);
        StringBuilder head = new StringBuilder("| figure |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Result r : results) {
            head.append(' ').append(r.label()).append(" |");
            rule.append("---:|");
        }
        if (ours != null) {
            for (Result peer : peers) {
                head.append(" ratio to ").append(peer.label().replace("Debezium Server, ", "")).append(" |");
                rule.append("---:|");
            }
        }
        System.out.println(head);
        System.out.println(rule);
        row("drain events/s (first to last fact)", results, ours, peers, Result::drainPerSecond, "%,.0f");
        row("start to backlog delivered, s", results, ours, peers, Result::startToDrainedSeconds, "%.1f");
        row("commit->fact p50, ms", results, ours, peers, Result::p50, "%.1f");
        row("commit->fact p99, ms", results, ours, peers, Result::p99, "%.1f");
        row("RSS after the run, MiB", results, ours, peers, Result::rssMiB, "%.0f");
        row("CPU seconds (whole run)", results, ours, peers, Result::cpuSeconds, "%.1f");
        System.out.println("| facts equal the POS | " + String.join(" | ",
                results.stream().map(r -> r.factsEqual() ? "yes" : "NO").toList()) + " |"
                + (ours == null ? "" : " |".repeat(peers.size())));
    }

    private static void row(String name, List<Result> results, Result ours, List<Result> peers,
                            java.util.function.ToDoubleFunction<Result> f, String format) {
        StringBuilder s = new StringBuilder("| ").append(name).append(" |");
        for (Result r : results) {
            s.append(' ').append(String.format(format, f.applyAsDouble(r))).append(" |");
        }
        if (ours != null) {
            for (Result peer : peers) {
                s.append(String.format(" %.2f |", f.applyAsDouble(ours) / f.applyAsDouble(peer)));
            }
        }
        System.out.println(s);
    }
}
