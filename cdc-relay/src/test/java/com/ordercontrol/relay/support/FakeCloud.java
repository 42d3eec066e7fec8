package com.ordercontrol.relay.support;

import com.ordercontrol.contract.EventEnvelope;
import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.SignatureVerifier;
import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.contract.WebhookVerifier;
import com.ordercontrol.contract.WireHeaders;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercontrol.contract.ContractJson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small real HTTP server standing in for the cloud's ingest endpoint, speaking the batch contract of
 * docs/wire-contract.md: verifies the node id and both signatures of the exact body (seed HMAC and
 * Standard Webhooks, real time ±5 min), takes one envelope (answer {@code {"eventId":…,"outcome":…}})
 * or a JSON array of them (answer 202 with one result per element, in order), records what it
 * accepted, and can be told to answer any status (per event or for the whole request), to add
 * {@code Retry-After}, to play a captive portal (200 without eventIds),
 * to hold an answer after accepting (for a kill mid-batch), or to be down (port closed).
 */
public final class FakeCloud implements AutoCloseable {

    public static final String NODE = "dev-nuc-1";
    public static final String SECRET = "dev-secret";

    private final EventSigner signer = EventSigner.withSecret(SECRET);
    private final WebhookSigner webhookSigner = WebhookSigner.withSecret(SECRET);
    private final Map<String, EventEnvelope> accepted = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    private final List<String> acceptedOrder = new ArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final int port;
    private volatile Function<EventEnvelope, Integer> answer = e -> 202;
    private volatile long delayMillis;
    private volatile int retryAfterSeconds = -1;
    private volatile boolean captivePortal;
    private volatile boolean refuseArrays;
    private final List<Integer> bodySizes = new CopyOnWriteArrayList<>();
    private final Map<String, Long> firstAcceptedNanos = new ConcurrentHashMap<>();
    private volatile HeldRequest hold;
    private HeldRequest lastHold;
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<Long> requestNanos = new CopyOnWriteArrayList<>();
    private final List<JsonNode> healthReports = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int downPort;

    /** Statuses an element of an array can be refused with; any other non-2xx answers the whole request. */
    private static final Set<Integer> PER_ELEMENT = Set.of(400, 403, 422);

    private record HeldRequest(int afterAccepted, CountDownLatch holding, CountDownLatch release) {
    }

    private FakeCloud(int port) {
        this.port = port;
    }

    public static FakeCloud start() {
        FakeCloud cloud = new FakeCloud(0);
        cloud.listen(0);
        return cloud;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server == null ? port : server.getAddress().getPort();
    }

    /** Answers every request with this status (signature still checked first). */
    public void answer(int status) {
        answer = e -> status;
    }

    /** Answers per event. */
    public void answer(Function<EventEnvelope, Integer> perEvent) {
        answer = perEvent;
    }

    /** Adds {@code Retry-After: <seconds>} to every 429 and 503 answer (-1: none). */
    public void retryAfter(int seconds) {
        retryAfterSeconds = seconds;
    }

    /** Answers every signed request with a Wi-Fi login page: 200, HTML, no eventId; records nothing. */
    public void captivePortal(boolean on) {
        captivePortal = on;
    }

    /** Plays a cloud from before the batch contract: any array body is answered 400. */
    public void refuseArrays(boolean on) {
        refuseArrays = on;
    }

    /** System.nanoTime() when this event was first accepted, or null. */
    public Long firstAcceptedNanos(String eventId) {
        return firstAcceptedNanos.get(eventId);
    }

    /** Body bytes of every request that got past the signature check, in arrival order. */
    public List<Integer> bodySizes() {
        return List.copyOf(bodySizes);
    }

    /**
     * Once at least {@code acceptedEvents} events are accepted, the request that got there is held
     * before its answer (the cloud has the events, the relay has not heard) until {@link #release()}.
     */
    public void holdAnswerOnceAccepted(int acceptedEvents) {
        hold = new HeldRequest(acceptedEvents, new CountDownLatch(1), new CountDownLatch(1));
        lastHold = hold;
    }

    /** Waits until a request is held; returns false on timeout. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        HeldRequest held = hold;
        return held == null || held.holding.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a held request answer (or fail, if its sender is gone). */
    public void release() {
        lastHold.release.countDown();
    }

    /** How many events each accepted-for-processing request carried, in arrival order. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** System.nanoTime() of every request that reached the endpoint, in arrival order. */
    public List<Long> requestNanos() {
        return List.copyOf(requestNanos);
    }

    /** Makes every answer this much slower (a distant cloud), so a drain takes a while. */
    public void delay(long millis) {
        delayMillis = millis;
    }

    /** Closes the port: the relay sees connection refused. */
    public synchronized void goDown() {
        server.stop(0);
        downPort = server.getAddress().getPort();
    }

    /** Opens the same port again. */
    public synchronized void comeBack() {
        listen(downPort);
    }

    public synchronized List<String> acceptedIds() {
        return List.copyOf(acceptedOrder);
    }

    public synchronized long distinctAccepted() {
        return accepted.size();
    }

    public synchronized int acceptedCount() {
        return acceptedOrder.size();
    }

    public synchronized EventEnvelope accepted(String eventId) {
        return accepted.get(eventId);
    }

    /** How often this event was accepted (more than 1 means a duplicate delivery). */
    public synchronized long timesAccepted(String eventId) {
        return acceptedOrder.stream().filter(eventId::equals).count();
    }

    public int postsFor(String eventId) {
        AtomicInteger n = posts.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** The node health reports received, signed like events (both schemes checked), in order. */
    public List<JsonNode> healthReports() {
        return List.copyOf(healthReports);
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    private void listen(int listenPort) {
        // Without TCP_NODELAY the JDK server's two writes per response meet delayed ACKs: ~40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(WireHeaders.INGEST_PATH, this::handle);
        server.createContext(WireHeaders.NODE_HEALTH_PATH.replace("{nodeId}", NODE), this::handleHealth);
        server.start();
    }

    /** {@code POST /api/nodes/dev-nuc-1/health}: checks both signatures like an event delivery, keeps the body, 202. */
    private void handleHealth(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        WebhookVerifier.Result webhook = WebhookVerifier.withClock(Clock.systemUTC()).verify(List.of(webhookSigner),
                exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_ID),
                exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_TIMESTAMP),
                exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_SIGNATURE), body);
        String signature = exchange.getRequestHeaders().getFirst(WireHeaders.SIGNATURE);
        if (!NODE.equals(exchange.getRequestHeaders().getFirst(WireHeaders.NODE_ID)) || signature == null
                || !SignatureVerifier.matches(signer, body, signature) || webhook != WebhookVerifier.Result.VALID) {
            badSignatures.incrementAndGet();
            respond(exchange, 401, error(401, "missing, malformed or wrong signature, or unknown node"));
            return;
        }
        healthReports.add(ContractJson.read(body));
        respond(exchange, 202, "{\"status\":\"accepted\",\"outcome\":\"accepted\"}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        requestNanos.add(System.nanoTime());
        byte[] body = exchange.getRequestBody().readAllBytes();
        String node = exchange.getRequestHeaders().getFirst(WireHeaders.NODE_ID);
        String signature = exchange.getRequestHeaders().getFirst(WireHeaders.SIGNATURE);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String webhookId = exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_ID);
        WebhookVerifier.Result webhook = WebhookVerifier.withClock(Clock.systemUTC()).verify(List.of(webhookSigner),
                webhookId, exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_TIMESTAMP),
                exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_SIGNATURE), body);
        if (!NODE.equals(node) || signature == null || !SignatureVerifier.matches(signer, body, signature)
                || webhook != WebhookVerifier.Result.VALID || !"application/json".equals(type)) {
            badSignatures.incrementAndGet();
            respond(exchange, 401, error(401, "missing, malformed or wrong signature, or unknown node"));
            return;
        }
        if (captivePortal) {
            // A hotel Wi-Fi login page: 200, HTML, no eventId anywhere.
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            respond(exchange, 200, "<html><body>Welcome! Please accept the terms to use the Wi-Fi.</body></html>");
            return;
        }
        boolean array = body.length > 0 && body[0] == '[';
        if (array && refuseArrays) {
            // A cloud from before the batch contract: an array is not an envelope.
            respond(exchange, 400, error(400, "unreadable envelope: not a JSON object"));
            return;
        }
        bodySizes.add(body.length);
        List<EventEnvelope> envelopes = new ArrayList<>();
        try {
            if (array) {
                for (JsonNode element : ContractJson.read(body)) {
                    envelopes.add(EventEnvelope.parse(ContractJson.write(element)));
                }
            } else {
                envelopes.add(EventEnvelope.parse(body));
            }
        } catch (Exception e) {
            respond(exchange, 400, error(400, "unreadable envelope"));
            return;
        }
        boolean idOk = !envelopes.isEmpty() && webhookId != null && (array
                ? webhookId.matches("batch_" + envelopes.get(0).eventId() + "_" + envelopes.size() + "_[0-9a-f]{16}")
                : envelopes.get(0).eventId().equals(webhookId));
        if (!idOk) {
            respond(exchange, 400, error(400, "webhook-id is not the relay's id for this body"));
            return;
        }
        batchSizes.add(envelopes.size());
        for (EventEnvelope e : envelopes) {
            posts.computeIfAbsent(e.eventId(), k -> new AtomicInteger()).incrementAndGet();
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis); // simulated network latency, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Integer> statuses = envelopes.stream().map(answer).toList();
        Integer whole = array ? statuses.stream().filter(st -> !PER_ELEMENT.contains(st) && !ok(st)).findFirst().orElse(null)
                : (ok(statuses.get(0)) ? null : statuses.get(0));
        if (whole != null) {
            if (retryAfterSeconds >= 0 && (whole == 429 || whole == 503)) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
            }
            respond(exchange, whole, error(whole, whole == 403 ? "node disabled" : whole == 422 ? "unprocessable event"
                    : "status " + whole));
            return;
        }
        ArrayNode results = ContractJson.mapper().createArrayNode();
        synchronized (this) {
            for (int i = 0; i < envelopes.size(); i++) {
                EventEnvelope e = envelopes.get(i);
                ObjectNode result = results.addObject().put("index", i).put("eventId", e.eventId());
                int st = statuses.get(i);
                if (ok(st)) {
                    result.put("outcome", accepted.containsKey(e.eventId()) ? "duplicate" : "accepted");
                    accepted.put(e.eventId(), e);
                    acceptedOrder.add(e.eventId());
                    firstAcceptedNanos.putIfAbsent(e.eventId(), System.nanoTime());
                } else {
                    result.put("outcome", "refused").put("status", st)
                            .put("reason", st == 403 ? "foreign_venue" : st == 422 ? "unprocessable event" : "unreadable_envelope");
                }
            }
        }
        holdIfAsked();
        if (array) {
            ObjectNode answerBody = ContractJson.mapper().createObjectNode().put("status", "processed");
            answerBody.set("results", results);
            respond(exchange, 202, answerBody.toString());
        } else {
            respond(exchange, 202, ((ObjectNode) results.get(0)).remove(List.of("index")).put("status", "accepted").toString());
        }
    }

    private static boolean ok(int status) {
        return status >= 200 && status < 300;
    }

    private static String error(int status, String message) {
        return "{\"status\":" + status + ",\"error\":\"" + message + "\"}";
    }

    private void holdIfAsked() {
        HeldRequest held = hold;
        if (held != null && acceptedCount() >= held.afterAccepted) {
            hold = null;
            held.holding.countDown();
            try {
                held.release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
        } catch (IOException e) {
            // The relay is gone (killed while this request was held): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
