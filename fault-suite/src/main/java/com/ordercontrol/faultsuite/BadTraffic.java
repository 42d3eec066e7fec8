package com.ordercontrol.faultsuite;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WireHeaders;
import com.ordercontrol.faultsuite.BadRequestCorpus.Built;
import com.ordercontrol.faultsuite.BadRequestCorpus.Case;
import com.ordercontrol.faultsuite.BadRequestCorpus.Nodes;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trickle of bad requests beside the good traffic: the whole corpus in turn, plus conflicting
 * duplicates (a payment id the venue already sent, with another amount). An answer of 5xx or no answer
 * (a fault is on) is inconclusive and not judged; any other answer must be the expected status.
 */
final class BadTraffic implements AutoCloseable {

    /** How one class of bad request fared. */
    record Tally(int expected, int matched, int mismatched, int inconclusive, String lastMismatch) {
    }

    static final String CONFLICT = "conflicting duplicate";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, int[]> counts = new ConcurrentHashMap<>();
    private final Map<String, String> mismatches = new ConcurrentHashMap<>();
    private final Set<String> refusedEventIds = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedPaymentIds = ConcurrentHashMap.newKeySet();
    private final Set<String> deadLetterEventIds = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> expected = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    BadTraffic(BadRequestCorpus corpus, Nodes nodes, CloudSide cloud, String ingestUrl, Duration every) {
        List<Case> cases = new ArrayList<>(corpus.cases());
        cases.forEach(c -> expected.put(c.name(), c.expectedStatus()));
        expected.put(CONFLICT, 202);
        thread = new Thread(() -> {
            int i = 0;
            while (running) {
                if (i % (cases.size() + 1) == cases.size()) {
                    conflictingDuplicate(nodes, cloud, ingestUrl);
                } else {
                    Case c = cases.get(i % (cases.size() + 1));
                    send(c.name(), c.expectedStatus(), c.deadLettered(), c.build().apply(nodes));
                }
                i++;
                Waits.pause(every);
            }
        }, "bad-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    private void conflictingDuplicate(Nodes nodes, CloudSide cloud, String ingestUrl) {
        String paymentId = anyFactPaymentId(cloud, nodes.venueA());
        if (paymentId == null) {
            return;
        }
        String eventId = UUID.randomUUID().toString();
        String body = "{\"eventId\":\"" + eventId + "\",\"eventType\":\"order_paid\",\"venueId\":\"" + nodes.venueA()
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"payload\":{\"orderId\":\"o-" + eventId
                + "\",\"orderNumber\":8,\"currency\":\"USD\",\"total\":\"0.01\",\"payments\":[{\"paymentId\":\""
                + paymentId + "\",\"method\":\"card\",\"amount\":\"0.01\",\"tip\":\"0.00\",\"paidAt\":\"" + Instant.now()
                + "\"}]}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + WireHeaders.INGEST_PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(WireHeaders.NODE_ID, nodes.nodeA())
                .header(WireHeaders.SIGNATURE, EventSigner.withSecret(nodes.secretA()).signatureHeader(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        // The payment id is real; only the event must be dead-lettered (the first fact stays, checked by the verdict).
        send(CONFLICT, 202, true, new Built(request, eventId, null));
    }

    /**
     * A payment that is already a fact: only then is the first fact known, and the duplicate must lose.
     * (A payment id still on its way would race the duplicate, and the real event would lose.)
     */
    private static String anyFactPaymentId(CloudSide cloud, String venueId) {
        try (Connection c = cloud.connect();
             PreparedStatement s = c.prepareStatement(
                     "select payment_id from payment_facts where venue_id = ? order by random() limit 1")) {
            s.setString(1, venueId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private void send(String name, int expectedStatus, boolean deadLettered, Built built) {
        int[] c = counts.computeIfAbsent(name, k -> new int[3]);
        int status;
        try {
            status = http.send(built.request(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (c) {
            if (status == -1 || status >= 500) {
                c[2]++;
            } else if (status == expectedStatus) {
                c[0]++;
            } else {
                c[1]++;
                mismatches.put(name, "expected " + expectedStatus + ", got " + status);
            }
        }
        if (built.eventId() != null && expectedStatus >= 400) {
            refusedEventIds.add(built.eventId()); // a refused class must never be stored, whatever the answer
        } else if (built.eventId() != null && deadLettered && status == 202) {
            deadLetterEventIds.add(built.eventId());
        }
        if (built.paymentId() != null) {
            refusedPaymentIds.add(built.paymentId());
        }
    }

    Map<String, Tally> tallies() {
        Map<String, Tally> out = new TreeMap<>();
        expected.forEach((name, status) -> {
            int[] c = counts.getOrDefault(name, new int[3]);
            synchronized (c) {
                out.put(name, new Tally(status, c[0], c[1], c[2], mismatches.get(name)));
            }
        });
        return out;
    }

    /** Events refused at the door (or never answered): none may be in {@code events}. */
    Set<String> refusedEventIds() {
        return refusedEventIds;
    }

    /** Payment ids carried only by bad requests: none may be a fact. */
    Set<String> refusedPaymentIds() {
        return refusedPaymentIds;
    }

    /** Accepted at the door but invalid: each must be in {@code dead_letter_events}. */
    Set<String> deadLetterEventIds() {
        return deadLetterEventIds;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
