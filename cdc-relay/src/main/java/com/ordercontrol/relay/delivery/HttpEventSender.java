package com.ordercontrol.relay.delivery;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.contract.WireHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs one event envelope to the cloud's ingest endpoint, signed at send time over the exact body
 * bytes with both schemes of the wire contract: the seed's ({@code X-Request-Signature: sha256=<hex>},
 * {@code X-Server-Node-Id}) and Standard Webhooks ({@code webhook-id} = eventId,
 * {@code webhook-timestamp}, {@code webhook-signature}), so a replayed capture goes stale after 5 min.
 */
public final class HttpEventSender {

    private final HttpClient client;
    private final URI ingestUri;
    private final String nodeId;
    private final EventSigner signer;
    private final WebhookSigner webhookSigner;
    private final Clock wallClock;
    private final Duration timeout;

    /**
     * @param wallClock real time for {@code webhook-timestamp}; the receiver checks it against its own
     *                  clock, so it is never the simulated clock of the retry schedule
     */
    public HttpEventSender(URI ingestUri, String nodeId, String secret, Clock wallClock, Duration timeout) {
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

    /** Sends the body once; never throws for network trouble, which is a {@link DeliveryOutcome.Transient}. */
    public DeliveryOutcome send(String eventId, byte[] body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingestUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WireHeaders.NODE_ID, nodeId)
                .header(WireHeaders.SIGNATURE, signer.signatureHeader(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        webhookSigner.headers(eventId, wallClock.instant(), body).forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return DeliveryOutcome.of(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new DeliveryOutcome.Transient("network: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + DeliveryOutcome.abbreviate(e.getMessage())));
        }
    }
}
