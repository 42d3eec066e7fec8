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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small real HTTP server standing in for the cloud's ingest endpoint: verifies the node id and
 * both signatures of the exact body (seed HMAC and Standard Webhooks, real time ±5 min), records what it accepted, and can be told to answer with any
 * status or to be down (port closed).
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
    private HttpServer server;
    private int downPort;

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
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String node = exchange.getRequestHeaders().getFirst(WireHeaders.NODE_ID);
        String signature = exchange.getRequestHeaders().getFirst(WireHeaders.SIGNATURE);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        int status;
        WebhookVerifier.Result webhook = WebhookVerifier.withClock(Clock.systemUTC()).verify(List.of(webhookSigner),
                exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_ID),
                exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_TIMESTAMP),
                exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_SIGNATURE), body);
        if (!NODE.equals(node) || signature == null || !SignatureVerifier.matches(signer, body, signature)
                || webhook != WebhookVerifier.Result.VALID || !"application/json".equals(type)) {
            badSignatures.incrementAndGet();
            status = 401;
        } else {
            EventEnvelope envelope;
            try {
                envelope = EventEnvelope.parse(body);
            } catch (Exception e) {
                respond(exchange, 400, "unreadable envelope");
                return;
            }
            if (!envelope.eventId().equals(exchange.getRequestHeaders().getFirst(WireHeaders.WEBHOOK_ID))) {
                respond(exchange, 400, "webhook-id is not the eventId");
                return;
            }
            posts.computeIfAbsent(envelope.eventId(), k -> new AtomicInteger()).incrementAndGet();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis); // simulated network latency, not a wait for a condition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            status = answer.apply(envelope);
            if (status >= 200 && status < 300) {
                synchronized (this) {
                    accepted.put(envelope.eventId(), envelope);
                    acceptedOrder.add(envelope.eventId());
                }
            }
        }
        respond(exchange, status, status == 403 ? "node disabled" : "status " + status);
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
