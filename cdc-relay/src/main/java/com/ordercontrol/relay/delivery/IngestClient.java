package com.ordercontrol.relay.delivery;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.contract.WireHeaders;
import com.ordercontrol.relay.queue.Outgoing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * POSTs events to the cloud's ingest endpoint: one event as its envelope (a JSON object), several as
 * a JSON array of their exact envelope bytes. Signed at send time over the exact body bytes with both
 * schemes of the wire contract: {@code X-Request-Signature: sha256=<hex>} with {@code X-Server-Node-Id},
 * and Standard Webhooks ({@code webhook-id}, see {@link #webhookId}; {@code webhook-timestamp};
 * {@code webhook-signature}), so a replayed capture goes stale. The node's health report goes through
 * the same client and signing ({@link #postSigned}).
 */
public final class IngestClient {

    private final HttpClient client;
    private final URI ingestUri;
    private final String nodeId;
    private final EventSigner signer;
    private final WebhookSigner webhookSigner;
    private final Clock wallClock;
    private final Duration timeout;

    /**
     * @param wallClock real time for {@code webhook-timestamp} and the clock skew; the receiver checks
     *                  it against its own clock, so it is never the simulated clock of the retry schedule
     */
    IngestClient(URI ingestUri, String nodeId, String secret, Clock wallClock, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.ingestUri = ingestUri;
        this.nodeId = nodeId;
        this.signer = EventSigner.withSecret(secret);
        this.webhookSigner = WebhookSigner.withSecret(secret);
        this.wallClock = wallClock;
        this.timeout = timeout;
    }

    /** The client for this relay's node, cloud and HTTP timeout. */
    public static IngestClient forNode(com.ordercontrol.relay.config.RelaySettings settings, Clock wallClock) {
        return new IngestClient(settings.ingestUri(), settings.serverNodeId(), settings.serverApiKey(), wallClock,
                settings.httpTimeout());
    }

    /** The request body: the envelope itself for one event, a JSON array of the envelopes for several. */
    static byte[] body(List<? extends Outgoing> events) {
        if (events.size() == 1) {
            return events.get(0).body();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(arrayLength(events));
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i).body());
        }
        out.write(']');
        return out.toByteArray();
    }

    /** How many of the first events fit one request of at most these many events and bytes (at least one). */
    static int fitting(List<? extends Outgoing> events, int maxEvents, int maxBytes) {
        int bytes = 1;
        int n = 0;
        while (n < events.size() && n < maxEvents && (n == 0 || bytes + events.get(n).body().length + 1 <= maxBytes)) {
            bytes += events.get(n).body().length + 1;
            n++;
        }
        return n;
    }

    /** Bytes of the array body of these events. */
    static int arrayLength(List<? extends Outgoing> events) {
        int n = 1 + events.size();
        for (Outgoing e : events) {
            n += e.body().length;
        }
        return n;
    }

    /**
     * The message id: the eventId for one event; for a batch {@code batch_<first eventId>_<count>_<hash>}
     * where the hash covers every eventId in order. The cloud answers a webhook-id it already accepted
     * with "duplicate" for every element, so the id must change whenever the content does (a redriven
     * event can land between the same first event and count).
     */
    static String webhookId(List<? extends Outgoing> events) {
        String first = events.get(0).eventId().toString();
        if (events.size() == 1) {
            return first;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Outgoing e : events) {
                sha.update(e.eventId().toString().getBytes(StandardCharsets.US_ASCII));
            }
            return "batch_" + first + "_" + events.size() + "_" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Sends once; never throws for network trouble, which is a reply with {@link CloudReply#NO_ANSWER}. */
    CloudReply post(List<? extends Outgoing> events) throws InterruptedException {
        return send(ingestUri, body(events), webhookId(events));
    }

    /**
     * Sends {@code body} once to another endpoint of the cloud, signed exactly like an event delivery
     * (both schemes, {@code messageId} as the webhook-id); never throws for network trouble.
     */
    public CloudReply postSigned(URI uri, byte[] body, String messageId) throws InterruptedException {
        return send(uri, body, messageId);
    }

    private CloudReply send(URI uri, byte[] body, String messageId) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WireHeaders.NODE_ID, nodeId)
                .header(WireHeaders.SIGNATURE, signer.signatureHeader(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        webhookSigner.headers(messageId, wallClock.instant(), body).forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Instant at = wallClock.instant();
            return new CloudReply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Retry-After").flatMap(v -> retryAfter(v, at)),
                    response.headers().firstValue("Date").flatMap(IngestClient::httpDate), at);
        } catch (IOException e) {
            return CloudReply.unreachable("network: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + CloudReply.abbreviate(e.getMessage())), wallClock.instant());
        }
    }

    /** {@code Retry-After} as delay-seconds (what the cloud sends) or as an HTTP date. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        return httpDate(v).map(date -> date.isAfter(now) ? Duration.between(now, date) : Duration.ZERO);
    }

    static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
