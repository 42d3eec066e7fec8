package com.ordercontrol.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bin/load-test}: N simulated venue boxes, each registered through the ingest's admin command for
 * its own venue, post signed events over a fixed number of keep-alive connections at a set rate. Prints
 * accepted events/s, latency percentiles and a count per HTTP status, then checks that
 * {@code payment_facts} holds exactly what was accepted (rows, sum of amounts, sum of tips).
 */
final class LoadTest {

    static final Set<String> OPTIONS = Set.of("profile", "nodes", "connections", "rate", "seconds", "warmup-seconds",
            "batch-size", "backlog", "endpoint", "scheme", "ingest-url", "cloud-db-url", "cloud-db-user",
            "cloud-db-password", "ingest-arg", "facts-timeout");

    enum Profile { SINGLE, BATCH, DRAIN }

    private final Profile profile;
    private final int connections;
    private final double rate;
    private final int batchSize;
    private final boolean array;
    private final boolean nodePath;
    private final boolean webhooks;
    private final List<SimulatedNode> nodes;
    private final long warmupTickets;
    private final long totalTickets;
    private final int backlog;

    private final AtomicLong tickets = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder acceptedAmount = new LongAdder();
    private final LongAdder acceptedTip = new LongAdder();
    private final LongAdder unknownAmount = new LongAdder();
    private final LongAdder unknownTip = new LongAdder();
    private final LongAdder measuredEvents = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final Map<String, LongAdder> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long measuredStart;
    private final AtomicLong measuredEnd = new AtomicLong();

    private LoadTest(Options o, List<SimulatedNode> nodes) {
        this.profile = Profile.valueOf(o.text("profile", "single").toUpperCase());
        this.nodes = nodes;
        this.connections = o.integer("connections", 256);
        this.batchSize = profile == Profile.SINGLE ? 1 : o.integer("batch-size", 100);
        this.array = profile != Profile.SINGLE;
        this.nodePath = o.text("endpoint", "ingest").equals("node");
        this.webhooks = !o.text("scheme", "standard-webhooks").equals("hmac");
        this.backlog = o.integer("backlog", 200);
        if (profile == Profile.DRAIN) {
            this.rate = 0;
            this.warmupTickets = 0;
            this.totalTickets = (long) nodes.size() * ((backlog + batchSize - 1) / batchSize);
        } else {
            this.rate = o.decimal("rate", profile == Profile.SINGLE ? 3_000 : 200);
            this.warmupTickets = (long) (rate * o.integer("warmup-seconds", 5));
            this.totalTickets = warmupTickets + (long) (rate * o.integer("seconds", 20));
        }
    }

    static int run(Path home, Path dataDir, String[] args) throws Exception {
        Options o = new Options(args, OPTIONS);
        int nodeCount = o.integer("nodes", 500);
        String run = "lt" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        Cloud cloud = o.text("ingest-url", null) != null
                ? Cloud.existing(o.text("ingest-url", null), o.text("cloud-db-url", null),
                        o.text("cloud-db-user", "postgres"), o.text("cloud-db-password", ""))
                : null;
        if (cloud == null) {
            System.out.println("starting the cloud (PostgreSQL, Kafka, ingest) under " + dataDir + " ...");
            cloud = Cloud.start(home, dataDir, o.all("ingest-arg"));
        }
        try (Cloud c = cloud) {
            List<SimulatedNode> nodes = register(c, run, nodeCount);
            LoadTest test = new LoadTest(o, nodes);
            return test.execute(c, run, o.integer("facts-timeout", 180));
        }
    }

    private static List<SimulatedNode> register(Cloud cloud, String run, int count) {
        long t0 = System.nanoTime();
        List<SimulatedNode> nodes = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        try (NodeRegistration admin = new NodeRegistration(cloud)) {
            for (int i = 1; i <= count; i++) {
                String n = String.format("%04d", i);
                // 32 hex characters: Debezium Server's sink needs 24..64 bytes; the same rule here keeps one kind of secret.
                SimulatedNode node = new SimulatedNode(run + "-n" + n, run + "-v" + n,
                        HexFormat.of().formatHex(random.generateSeed(16)));
                admin.venueWithNode(node.venueId(), node.nodeId(), node.secret());
                nodes.add(node);
            }
        }
        System.out.printf("registered %d nodes (run %s) through the admin command in %.1f s%n", count, run,
                (System.nanoTime() - t0) / 1e9);
        return nodes;
    }

    private int execute(Cloud cloud, String run, int factsTimeoutSeconds) throws Exception {
        URI ingest = URI.create(cloud.ingestUrl());
        System.out.printf("profile %s: %d nodes, %d connections, %s, %s%s, endpoint %s%n", profile.name().toLowerCase(),
                nodes.size(), connections, rate > 0 ? String.format("%.0f req/s", rate) : "as fast as possible",
                array ? "arrays of " + batchSize : "one event per request",
                profile == Profile.DRAIN ? ", backlog " + backlog + " events per node" : "",
                nodePath ? "/api/nodes/{nodeId}/events" : "/api/events/ingest");
        ProcStats ingestBefore = cloud.ingest() == null ? null : ProcStats.of(cloud.ingest().pid());
        ProcStats selfBefore = ProcStats.of(ProcessHandle.current().pid());
        long start = System.nanoTime();
        measuredStart = warmupTickets == 0 ? start : start + (long) (warmupTickets * 1e9 / rate);
        List<Thread> threads = new ArrayList<>();
        long[][] perConnection = new long[connections][];
        for (int i = 0; i < connections; i++) {
            int index = i;
            Thread t = new Thread(() -> perConnection[index] = work(ingest.getHost(), ingest.getPort(), start), "conn-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long end = measuredEnd.get();
        ProcStats ingestAfter = cloud.ingest() == null ? null : ProcStats.of(cloud.ingest().pid());
        ProcStats selfAfter = ProcStats.of(ProcessHandle.current().pid());
        long[] all = java.util.Arrays.stream(perConnection).filter(java.util.Objects::nonNull)
                .flatMapToLong(java.util.Arrays::stream).toArray();
        Percentiles p = new Percentiles(all);
        double seconds = (end - measuredStart) / 1e9;
        long measuredRequests = all.length;
        System.out.printf("measured: %,d requests in %.2f s = %,.0f req/s%s; %,d events = %,.0f events/s (accepted by the ingest)%n",
                measuredRequests, seconds, measuredRequests / seconds,
                rate > 0 ? String.format(" (target %,.0f)", rate) : "", measuredEvents.sum(), measuredEvents.sum() / seconds);
        System.out.printf("latency (send to answer): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                p.millis(50), p.millis(95), p.millis(99), p.millis(100));
        System.out.println("statuses (all requests, warm-up included): " + new TreeMap<>(statuses.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))));
        System.out.printf("events: %,d accepted, %,d duplicate, %,d refused, %,d unknown (I/O error or 5xx); %,d connections opened%n",
                accepted.sum(), duplicates.sum(), refused.sum(), unknown.sum(), reconnects.sum());
        if (ingestBefore != null) {
            System.out.printf("ingest process: %.1f CPU s during the run, RSS %.0f MiB; load client: %.1f CPU s%n",
                    ingestAfter.cpuSeconds() - ingestBefore.cpuSeconds(), ingestAfter.rssMiB(),
                    selfAfter.cpuSeconds() - selfBefore.cpuSeconds());
        }
        boolean factsOk = checkFacts(cloud, run, factsTimeoutSeconds, System.nanoTime());
        long non2xx = statuses.entrySet().stream().filter(e -> !e.getKey().startsWith("2")).mapToLong(e -> e.getValue().sum()).sum();
        System.out.printf("| %s | %d | %d | %,.0f | %,.0f | %.1f | %.1f | %.1f | %d | %s |%n", profile.name().toLowerCase(),
                nodes.size(), connections, measuredRequests / seconds, measuredEvents.sum() / seconds,
                p.millis(50), p.millis(95), p.millis(99), non2xx, factsOk ? "equal" : "DIFFERENT");
        return factsOk ? 0 : 1;
    }

    /** One connection's loop: take the next ticket, wait for its due time, send, record. */
    private long[] work(String host, int port, long start) {
        long[] lat = new long[1024];
        int n = 0;
        long nanosPerTicket = rate > 0 ? (long) (1e9 / rate) : 0;
        // A paced run that falls behind (the server is slower than the rate) stops at 1.5 times its planned
        // length and reports what was achieved, rather than running on for as long as the backlog takes.
        long stopAt = rate > 0 ? start + (long) (1.5 * totalTickets * nanosPerTicket) : Long.MAX_VALUE;
        try (HttpConnection connection = new HttpConnection(host, port)) {
            for (long ticket = tickets.getAndIncrement(); ticket < totalTickets && System.nanoTime() < stopAt;
                 ticket = tickets.getAndIncrement()) {
                if (nanosPerTicket > 0) {
                    long wait = start + ticket * nanosPerTicket - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                SimulatedNode node = nodes.get((int) (ticket % nodes.size()));
                int count = batchSize;
                if (profile == Profile.DRAIN) {
                    long round = ticket / nodes.size();
                    count = (int) Math.min(batchSize, backlog - round * batchSize);
                }
                String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                SimulatedNode.Body body = node.next(count, array, now);
                String path = nodePath ? "/api/nodes/" + node.nodeId() + "/events" : "/api/events/ingest";
                long sent = System.nanoTime();
                HttpConnection.Response response;
                try {
                    response = connection.post(path, node.headers(body, array, webhooks, !nodePath), body.bytes());
                } catch (java.io.IOException e) {
                    statuses.computeIfAbsent("io-error", k -> new LongAdder()).increment();
                    unknown.add(body.events());
                    unknownAmount.add(body.amountCents());
                    unknownTip.add(body.tipCents());
                    continue;
                }
                long done = System.nanoTime();
                statuses.computeIfAbsent(Integer.toString(response.status()), k -> new LongAdder()).increment();
                account(response, body);
                if (sent >= measuredStart) {
                    if (n == lat.length) {
                        lat = java.util.Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = done - sent;
                    if (response.status() / 100 == 2) {
                        measuredEvents.add(body.events());
                    }
                    measuredEnd.accumulateAndGet(done, Math::max);
                }
            }
            reconnects.add(connection.opened());
        }
        return java.util.Arrays.copyOf(lat, n);
    }

    private void account(HttpConnection.Response response, SimulatedNode.Body body) {
        int status = response.status();
        if (status / 100 != 2) {
            if (status >= 500 || status == 408 || status == 429) {
                unknown.add(body.events());
                unknownAmount.add(body.amountCents());
                unknownTip.add(body.tipCents());
            } else {
                refused.add(body.events());
            }
            return;
        }
        if (!array) {
            accepted.increment();
            acceptedAmount.add(body.amountCents());
            acceptedTip.add(body.tipCents());
            return;
        }
        String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        int acc = number(text, "\"accepted\":");
        int dup = number(text, "\"duplicates\":");
        int ref = number(text, "\"refused\":");
        if (acc == body.events()) {
            accepted.add(acc);
            acceptedAmount.add(body.amountCents());
            acceptedTip.add(body.tipCents());
        } else {
            // Not every element accepted: the sums cannot be attributed without per-element amounts; count them as unknown.
            accepted.add(Math.max(acc, 0));
            duplicates.add(Math.max(dup, 0));
            refused.add(Math.max(ref, 0));
            unknown.add(body.events() - Math.max(acc, 0));
            unknownAmount.add(body.amountCents());
            unknownTip.add(body.tipCents());
        }
    }

    private static int number(String text, String key) {
        int i = text.indexOf(key);
        if (i < 0) {
            return -1;
        }
        int j = i + key.length();
        int k = j;
        while (k < text.length() && Character.isDigit(text.charAt(k))) {
            k++;
        }
        return k > j ? Integer.parseInt(text.substring(j, k)) : -1;
    }

    private static final String FACTS = """
            select count(*), coalesce(sum(amount), 0), coalesce(sum(tip), 0) from payment_facts where venue_id like ?""";
    private static final String DEAD_LETTERS = "select count(*) from dead_letter_events where venue_id like ?";

    private boolean checkFacts(Cloud cloud, String run, int timeoutSeconds, long sendingDone) throws SQLException {
        long expected = accepted.sum();
        long maybe = unknown.sum();
        BigDecimal amount = BigDecimal.valueOf(acceptedAmount.sum(), 2);
        BigDecimal tip = BigDecimal.valueOf(acceptedTip.sum(), 2);
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long rows = 0;
        BigDecimal factAmount = BigDecimal.ZERO;
        BigDecimal factTip = BigDecimal.ZERO;
        long dead = 0;
        long lastChange = System.nanoTime();
        long rowsWhenSendingEnded = -1;
        try (Connection c = cloud.connect(); PreparedStatement facts = c.prepareStatement(FACTS);
             PreparedStatement dl = c.prepareStatement(DEAD_LETTERS)) {
            facts.setString(1, run + "-v%");
            dl.setString(1, run + "-v%");
            while (true) {
                try (ResultSet rs = facts.executeQuery()) {
                    rs.next();
                    long now = rs.getLong(1);
                    if (rowsWhenSendingEnded < 0) {
                        rowsWhenSendingEnded = now;
                    }
                    if (now != rows) {
                        lastChange = System.nanoTime();
                    }
                    rows = now;
                    factAmount = rs.getBigDecimal(2);
                    factTip = rs.getBigDecimal(3);
                }
                try (ResultSet rs = dl.executeQuery()) {
                    rs.next();
                    dead = rs.getLong(1);
                }
                boolean complete = maybe == 0 ? rows >= expected : rows >= expected && System.nanoTime() - lastChange > 5e9;
                if (complete || System.nanoTime() > deadline) {
                    break;
                }
                Waits.sleep(50);
            }
        }
        System.out.printf("facts: %,d payment_facts rows (sent and accepted: %,d%s), amounts %s (sent %s), tips %s (sent %s),"
                        + " %d dead letters; complete %.1f s after the last answer%n",
                rows, expected, maybe > 0 ? String.format(", plus up to %,d of unknown outcome", maybe) : "",
                factAmount.stripTrailingZeros().toPlainString(), amount.toPlainString(),
                factTip.stripTrailingZeros().toPlainString(), tip.toPlainString(), dead,
                (lastChange - sendingDone) / 1e9);
        double catchUp = (lastChange - sendingDone) / 1e9;
        if (rows > rowsWhenSendingEnded && catchUp > 1) {
            // The consumer's own pace: it was behind when sending ended and worked through the rest alone.
            System.out.printf("facts consumer after sending ended: %,d facts in %.1f s, %,.0f facts/s%n",
                    rows - rowsWhenSendingEnded, catchUp, (rows - rowsWhenSendingEnded) / catchUp);
        }
        boolean ok = maybe == 0
                ? rows == expected && factAmount.compareTo(amount) == 0 && factTip.compareTo(tip) == 0 && dead == 0
                : rows >= expected && rows <= expected + maybe && dead == 0;
        System.out.println(ok ? "facts check: OK (the facts equal what was accepted)" : "facts check: FAILED");
        return ok;
    }
}
