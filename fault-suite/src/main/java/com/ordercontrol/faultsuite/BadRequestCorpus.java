package com.ordercontrol.faultsuite;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.contract.WireHeaders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every class of bad request the wire contract names, each with the status the cloud must answer.
 * Each call builds a fresh request with new ids, so the verdict can check that none of it was stored
 * (and, for the two that are accepted at the door but cannot become facts, that they were dead-lettered).
 */
final class BadRequestCorpus {

    /** What the corpus needs to know about the cloud's registry. */
    record Nodes(String venueA, String nodeA, String secretA, String venueB, String disabledNode,
                 String disabledSecret) {
    }

    /**
     * One bad request.
     *
     * @param name           the class of bad input
     * @param expectedStatus what the cloud must answer
     * @param deadLettered   accepted at the door (202) but must end in dead letters, never in facts
     */
    record Case(String name, int expectedStatus, boolean deadLettered, Function<Nodes, Built> build) {
    }

    /** A built request and the ids that must not become facts. */
    record Built(HttpRequest request, String eventId, String paymentId) {
    }

    static final int BODY_LIMIT_PROBE = 2 * 1024 * 1024;

    private final String ingestUrl;

    BadRequestCorpus(String ingestUrl) {
        this.ingestUrl = ingestUrl;
    }

    List<Case> cases() {
        return List.of(
                new Case("forged signature", 401, false, n -> seedSigned(n.nodeA(), "wrong-secret", n.venueA(), "12.99", "12.99")),
                new Case("missing signature", 401, false, n -> unsigned(n.nodeA(), n.venueA())),
                new Case("malformed signature", 401, false, n -> withSignature(n.nodeA(), n.venueA(), "sha256=zz")),
                new Case("unknown node", 401, false, n -> seedSigned("no-such-node", n.secretA(), n.venueA(), "12.99", "12.99")),
                new Case("disabled node", 403, false, n -> seedSigned(n.disabledNode(), n.disabledSecret(), n.venueA(), "12.99", "12.99")),
                new Case("cross-venue node", 403, false, n -> seedSigned(n.nodeA(), n.secretA(), n.venueB(), "12.99", "12.99")),
                new Case("stale webhook timestamp", 401, false, n -> webhookSigned(n, Instant.now().minus(Duration.ofMinutes(6)))),
                new Case("future webhook timestamp", 401, false, n -> webhookSigned(n, Instant.now().plus(Duration.ofMinutes(6)))),
                new Case("oversized body", 413, false, n -> oversized(n)),
                new Case("truncated JSON", 400, false, n -> signedRaw(n, body(n.venueA(), ids(), "12.99", "12.99").substring(0, 60))),
                new Case("non-JSON body", 400, false, n -> signedRaw(n, "total=12.99&method=card")),
                new Case("bad amount 12.345", 202, true, n -> seedSigned(n.nodeA(), n.secretA(), n.venueA(), "12.345", "12.345")),
                new Case("amounts not summing to total", 202, true, n -> seedSigned(n.nodeA(), n.secretA(), n.venueA(), "20.00", "12.99")));
    }

    private record Ids(String eventId, String paymentId) {
    }

    private static Ids ids() {
        return new Ids(UUID.randomUUID().toString(), "bad-" + UUID.randomUUID());
    }

    private static String body(String venue, Ids ids, String total, String amount) {
        return "{\"eventId\":\"" + ids.eventId() + "\",\"eventType\":\"order_paid\",\"venueId\":\"" + venue
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"payload\":{\"orderId\":\"o-" + ids.eventId()
                + "\",\"orderNumber\":7,\"currency\":\"USD\",\"total\":\"" + total + "\",\"payments\":[{\"paymentId\":\""
                + ids.paymentId() + "\",\"method\":\"card\",\"amount\":\"" + amount + "\",\"tip\":\"0.00\",\"paidAt\":\""
                + Instant.now() + "\"}]}}";
    }

    private Built seedSigned(String node, String secret, String venue, String total, String amount) {
        Ids ids = ids();
        byte[] body = body(venue, ids, total, amount).getBytes(StandardCharsets.UTF_8);
        return new Built(post(body, Map.of(WireHeaders.NODE_ID, node,
                WireHeaders.SIGNATURE, EventSigner.withSecret(secret).signatureHeader(body))), ids.eventId(), ids.paymentId());
    }

    private Built unsigned(String node, String venue) {
        Ids ids = ids();
        byte[] body = body(venue, ids, "12.99", "12.99").getBytes(StandardCharsets.UTF_8);
        return new Built(post(body, Map.of(WireHeaders.NODE_ID, node)), ids.eventId(), ids.paymentId());
    }

    private Built withSignature(String node, String venue, String signature) {
        Ids ids = ids();
        byte[] body = body(venue, ids, "12.99", "12.99").getBytes(StandardCharsets.UTF_8);
        return new Built(post(body, Map.of(WireHeaders.NODE_ID, node, WireHeaders.SIGNATURE, signature)),
                ids.eventId(), ids.paymentId());
    }

    private Built webhookSigned(Nodes n, Instant at) {
        Ids ids = ids();
        byte[] body = body(n.venueA(), ids, "12.99", "12.99").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.HashMap<>(
                WebhookSigner.withSecret(n.secretA()).headers(ids.eventId(), at, body));
        headers.put(WireHeaders.NODE_ID, n.nodeA());
        return new Built(post(body, headers), ids.eventId(), ids.paymentId());
    }

    private Built oversized(Nodes n) {
        Ids ids = ids();
        String padding = " ".repeat(BODY_LIMIT_PROBE);
        byte[] body = (body(n.venueA(), ids, "12.99", "12.99") + padding).getBytes(StandardCharsets.UTF_8);
        return new Built(post(body, Map.of(WireHeaders.NODE_ID, n.nodeA(),
                WireHeaders.SIGNATURE, EventSigner.withSecret(n.secretA()).signatureHeader(body))), ids.eventId(), ids.paymentId());
    }

    private Built signedRaw(Nodes n, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new Built(post(body, Map.of(WireHeaders.NODE_ID, n.nodeA(),
                WireHeaders.SIGNATURE, EventSigner.withSecret(n.secretA()).signatureHeader(body))), null, null);
    }

    private HttpRequest post(byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ingestUrl + WireHeaders.INGEST_PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return b.build();
    }
}
