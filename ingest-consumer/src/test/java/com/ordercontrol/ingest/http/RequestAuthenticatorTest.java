package com.ordercontrol.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.ingest.IngestSettings;
import com.ordercontrol.ingest.registry.NodeCredentials;
import com.ordercontrol.ingest.registry.RegisteredNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Issue 10 item 2: unknown and known nodes cost the same; seed-only is for legacy nodes only. */
class RequestAuthenticatorTest {

    static final IngestSettings SETTINGS = new IngestSettings("t", 1 << 20, Duration.ofSeconds(1), Duration.ofMinutes(5),
            true, "g", Duration.ofSeconds(1), "classpath:kafka/topics.properties", true, true);

    static RegisteredNode node(String id, boolean requireWebhooks) {
        return new RegisteredNode(id, "venue-1", true, requireWebhooks, List.of(EventSigner.withSecret("secret-1")),
                List.of(WebhookSigner.withSecret("secret-1")));
    }

    final RequestAuthenticator authenticator = new RequestAuthenticator(new NodeCredentials(id -> Optional.ofNullable(
            Map.of("modern", node("modern", true), "legacy", node("legacy", false)).get(id)), Duration.ZERO),
            Clock.systemUTC(), SETTINGS);

    static SignedRequest webhooksOnly(String nodeId, byte[] body) {
        Map<String, String> h = WebhookSigner.withSecret("wrong-secret").headers("msg_1", Instant.now(), body);
        return new SignedRequest(nodeId, null, h.get("webhook-id"), h.get("webhook-timestamp"),
                h.get("webhook-signature"), body);
    }

    @Test
    void seedOnlyIsRefusedUnlessTheNodeIsLegacy() {
        byte[] body = "{}".getBytes();
        String seed = EventSigner.withSecret("secret-1").signatureHeader(body);
        assertThat(authenticator.authenticate(new SignedRequest("modern", seed, null, null, null, body)).reason())
                .isEqualTo("webhooks_required");
        assertThat(authenticator.authenticate(new SignedRequest("legacy", seed, null, null, null, body)).isAccepted())
                .isTrue();
    }

    /** Fastest of several runs each, with a body large enough that the HMAC dominates. */
    @Test
    void anUnknownNodeCostsTheSameHmacWorkAsAKnownOne() {
        byte[] body = new byte[4 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        long known = fastest(() -> authenticator.authenticate(webhooksOnly("modern", body)).reason());
        long unknown = fastest(() -> authenticator.authenticate(webhooksOnly("nobody", body)).reason());
        assertThat(authenticator.authenticate(webhooksOnly("nobody", body)).reason()).isEqualTo("unknown_node");
        assertThat(authenticator.authenticate(webhooksOnly("modern", body)).reason()).isEqualTo("webhook_no_match");
        assertThat((double) unknown).as("unknown %d ns, known %d ns", unknown, known).isGreaterThan(0.5 * known);
    }

    static long fastest(Supplier<String> work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            work.get();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
