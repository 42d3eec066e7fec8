package com.ordercontrol.faultsuite;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.contract.WireHeaders;
import com.ordercontrol.localstack.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The poison fault: one venue's node sends, signed and accepted by the ingest (202), one event of each
 * poison class, the kinds that once stopped the facts consumer for every venue (its batch retried
 * forever). Before, a probe event of a cloud-only probe venue must become a fact (the consumer is
 * flowing); after, another probe must become a fact within {@link #PROBE_LIMIT}. The verdict: every
 * accepted poison in {@code dead_letter_events} with a printable reason, none in the facts, no probe
 * late, and every class accepted at least once.
 */
final class PoisonFault {

    /** How soon a valid event of another venue must be a fact after the poison. */
    static final Duration PROBE_LIMIT = Duration.ofSeconds(30);
    /** How long the consumer may take to show it flows before the poison is sent (after other faults). */
    static final Duration WARM_UP_LIMIT = Duration.ofSeconds(180);

    /** A node that may write for a venue. */
    record Node(String venueId, String nodeId, String secret) {
    }

    /** How one poison class fared over the run. */
    record Tally(int sent, int accepted, int deadLettered, int becameFacts, int inconclusive, int otherStatus) {
    }

    /** What the poison faults found. */
    record Result(Map<String, Tally> classes, int probes, Duration slowestProbe, int lateProbes, int skipped,
                  int unprintableReasons) {

        int accepted() {
            return classes.values().stream().mapToInt(Tally::accepted).sum();
        }

        int missingDeadLetters() {
            return classes.values().stream().mapToInt(t -> t.accepted() - t.deadLettered()).sum();
        }

        int becameFacts() {
            return classes.values().stream().mapToInt(Tally::becameFacts).sum();
        }

        boolean ok() {
            return classes.values().stream().allMatch(t -> t.accepted() > 0 && t.otherStatus() == 0)
                    && missingDeadLetters() == 0 && becameFacts() == 0 && lateProbes == 0 && probes > 0
                    && unprintableReasons == 0;
        }
    }

    private static final String TIME = "2026-11-24T12:00:00Z";

    /** Each poison class: an order_paid body from an event id (venue and time filled in by the builder). */
    static final Map<String, Function<String, String>> CLASSES = classes();

    private static Map<String, Function<String, String>> classes() {
        Map<String, Function<String, String>> c = new LinkedHashMap<>();
        c.put("NUL in currency", id -> body(id, TIME, "o-" + id, "U\\u0000D", "\"1.00\"", "card", TIME, ""));
        c.put("NUL in orderId", id -> body(id, TIME, "o\\u0000" + id, "USD", "\"1.00\"", "card", TIME, ""));
        c.put("control character in method", id -> body(id, TIME, "o-" + id, "USD", "\"1.00\"", "ca\\u001brd", TIME, ""));
        c.put("NUL in an extra field", id -> body(id, TIME, "o-" + id, "USD", "\"1.00\"", "card", TIME,
                "\"note\":\"\\u0000\","));
        c.put("paidAt in year +300000", id -> body(id, TIME, "o-" + id, "USD", "\"1.00\"", "card",
                "+300000-01-01T00:00:00Z", ""));
        c.put("occurredAt in year +300000", id -> body(id, "+300000-01-01T00:00:00Z", "o-" + id, "USD", "\"1.00\"",
                "card", TIME, ""));
        c.put("total 1e2147483647", id -> body(id, TIME, "o-" + id, "USD", "1e2147483647", "card", TIME, ""));
        return c;
    }

    private static String body(String id, String occurredAt, String orderId, String currency, String amount,
            String method, String paidAt, String extra) {
        return "{\"eventId\":\"" + id + "\",\"eventType\":\"order_paid\",\"venueId\":\"%VENUE%\",\"occurredAt\":\""
                + occurredAt + "\",\"payload\":{" + extra + "\"orderId\":\"" + orderId + "\",\"orderNumber\":9,"
                + "\"currency\":\"" + currency + "\",\"total\":" + amount + ",\"payments\":[{\"paymentId\":\"poison-" + id
                + "\",\"method\":\"" + method + "\",\"amount\":" + amount + ",\"tip\":\"0\",\"paidAt\":\"" + paidAt
                + "\"}]}}";
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final CloudSide cloud;
    private final Node poisoner;
    private final Node probe;
    private final Consumer<String> log;
    private final Map<String, int[]> counts = new ConcurrentHashMap<>(); // sent, accepted, inconclusive, other
    private final Map<String, Set<String>> acceptedIds = new ConcurrentHashMap<>();
    private final List<Duration> probeTimes = new ArrayList<>();
    private int skipped;

    PoisonFault(CloudSide cloud, Node poisoner, Node probe, Consumer<String> log) {
        this.cloud = cloud;
        this.poisoner = poisoner;
        this.probe = probe;
        this.log = log;
        CLASSES.keySet().forEach(name -> {
            counts.put(name, new int[4]);
            acceptedIds.put(name, ConcurrentHashMap.newKeySet());
        });
    }

    /** One poison fault: warm-up probe, every poison class, then the timed probe. */
    void inject() {
        if (probeFact(WARM_UP_LIMIT) == null) {
            skipped++;
            log.accept("  poison: facts were not flowing before the poison (after the previous fault); skipped");
            return;
        }
        for (Map.Entry<String, Function<String, String>> c : CLASSES.entrySet()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                String id = "poison-" + UUID.randomUUID();
                int status = post(poisoner, id, c.getValue().apply(id).replace("%VENUE%", poisoner.venueId()));
                int[] n = counts.get(c.getKey());
                synchronized (n) {
                    n[0]++;
                    if (status == 202) {
                        n[1]++;
                        acceptedIds.get(c.getKey()).add(id);
                    } else if (status == -1 || status >= 500) {
                        n[2]++;
                    } else {
                        n[3]++;
                    }
                }
                if (status != -1 && status < 500) {
                    break;
                }
                Waits.pause(Duration.ofSeconds(2));
            }
        }
        Duration took = probeFact(PROBE_LIMIT.multipliedBy(4));
        synchronized (probeTimes) {
            probeTimes.add(took == null ? PROBE_LIMIT.multipliedBy(4) : took);
        }
        log.accept("  poison: " + CLASSES.size() + " classes sent by " + poisoner.nodeId() + "; a fact of "
                + probe.venueId() + " followed in " + (took == null ? "(none)" : took.toMillis() + " ms"));
    }

    /** Sends a valid event of the probe venue; how long until it was a fact, or null past the limit. */
    private Duration probeFact(Duration limit) {
        long start = System.nanoTime();
        String id = "probe-" + UUID.randomUUID();
        String body = "{\"eventId\":\"" + id + "\",\"eventType\":\"order_paid\",\"venueId\":\"" + probe.venueId()
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"payload\":{\"orderId\":\"o-" + id
                + "\",\"orderNumber\":1,\"currency\":\"USD\",\"total\":\"1.00\",\"payments\":[{\"paymentId\":\"" + id
                + "\",\"method\":\"card\",\"amount\":\"1.00\",\"tip\":\"0\",\"paidAt\":\"" + Instant.now() + "\"}]}}";
        boolean sent = false;
        while (Duration.ofNanos(System.nanoTime() - start).compareTo(limit) < 0) {
            if (!sent) {
                sent = post(probe, id, body) == 202;
            }
            if (sent && isFact(id)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Waits.pause(Duration.ofMillis(sent ? 200 : 1000));
        }
        return null;
    }

    private boolean isFact(String eventId) {
        try (Connection c = cloud.connect();
             PreparedStatement s = c.prepareStatement("select count(*) from payment_facts where event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Signed with both schemes (the seed's and Standard Webhooks), so either node policy accepts it. */
    private int post(Node node, String eventId, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(WebhookSigner.withSecret(node.secret()).headers(eventId, Instant.now(), body));
        headers.put(WireHeaders.NODE_ID, node.nodeId());
        headers.put(WireHeaders.SIGNATURE, EventSigner.withSecret(node.secret()).signatureHeader(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.ingestUrl() + WireHeaders.INGEST_PATH))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The verdict on every poison sent, read from the cloud once the system settled. */
    Result result() throws SQLException {
        Map<String, Tally> classes = new LinkedHashMap<>();
        int unprintable = 0;
        try (Connection c = cloud.connect()) {
            for (String name : CLASSES.keySet()) {
                Set<String> ids = acceptedIds.get(name);
                int deadLettered = 0;
                try (PreparedStatement s = c.prepareStatement(
                        "select event_id, reason from dead_letter_events where event_id = any (?)")) {
                    s.setArray(1, c.createArrayOf("text", ids.toArray(String[]::new)));
                    try (ResultSet rs = s.executeQuery()) {
                        Set<String> seen = new java.util.HashSet<>();
                        while (rs.next()) {
                            if (seen.add(rs.getString(1))) {
                                deadLettered++;
                            }
                            if (rs.getString(2).chars().anyMatch(Character::isISOControl)) {
                                unprintable++;
                            }
                        }
                    }
                }
                int facts;
                try (PreparedStatement s = c.prepareStatement(
                        "select (select count(*) from events where event_id = any (?))"
                                + " + (select count(*) from payment_facts where event_id = any (?))")) {
                    java.sql.Array array = c.createArrayOf("text", ids.toArray(String[]::new));
                    s.setArray(1, array);
                    s.setArray(2, array);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        facts = rs.getInt(1);
                    }
                }
                int[] n = counts.get(name);
                synchronized (n) {
                    classes.put(name, new Tally(n[0], n[1], deadLettered, facts, n[2], n[3]));
                }
            }
        }
        synchronized (probeTimes) {
            Duration slowest = probeTimes.stream().max(Duration::compareTo).orElse(Duration.ZERO);
            int late = (int) probeTimes.stream().filter(d -> d.compareTo(PROBE_LIMIT) > 0).count();
            return new Result(classes, probeTimes.size(), slowest, late, skipped, unprintable);
        }
    }
}
