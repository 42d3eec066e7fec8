package com.ordercontrol.ingest.http;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.SignatureVerifier;
import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.contract.WebhookVerifier;
import com.ordercontrol.ingest.IngestSettings;
import com.ordercontrol.ingest.registry.NodeCredentials;
import com.ordercontrol.ingest.registry.RegisteredNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether a request comes from a registered node with a valid signature, under either scheme.
 *
 * <p>Rules: at least one scheme must be presented; every scheme presented must verify (a relay
 * sending both cannot hide a stale Standard Webhooks timestamp behind a valid seed signature); a node
 * flagged {@code require_webhooks} (every node not registered as legacy) must present Standard Webhooks.
 * Missing, malformed and wrong signatures and unknown nodes all give the same 401, and an unknown node's
 * request costs the same HMAC work as a known node's, so node ids cannot be probed. Only after the
 * signature verified does a disabled node learn it is disabled (403).
 */
@Component
class RequestAuthenticator {

    // An unknown node's request is verified against a throw-away key with the same code, so it costs the same
    // HMAC work as a known node's (one HMAC per scheme presented, per key) and its timing says nothing.
    private static final String DECOY_SECRET = "decoy-key-for-unknown-nodes";
    private static final RegisteredNode DECOY = new RegisteredNode("decoy", "decoy", false, false,
            List.of(EventSigner.withSecret(DECOY_SECRET)), List.of(WebhookSigner.withSecret(DECOY_SECRET)));

    private final NodeCredentials registry;
    private final WebhookVerifier webhookVerifier;

    RequestAuthenticator(NodeCredentials registry, Clock clock, IngestSettings settings) {
        this.registry = registry;
        this.webhookVerifier = WebhookVerifier.withClock(clock, settings.webhookTolerance());
    }

    AuthResult authenticate(SignedRequest request) {
        boolean seed = request.seedSignature() != null;
        boolean webhooks = WebhookVerifier.isPresent(request.webhookId(), request.webhookTimestamp(),
                request.webhookSignature());
        if (request.nodeId() == null || request.nodeId().isBlank()) {
            return AuthResult.unauthorized("missing_node_id");
        }
        if (!seed && !webhooks) {
            return AuthResult.unauthorized("missing_signature");
        }
        if (seed && !SignatureVerifier.isWellFormed(request.seedSignature())) {
            return AuthResult.unauthorized("malformed_signature");
        }
        Optional<RegisteredNode> found = registry.find(request.nodeId());
        RegisteredNode node = found.orElse(DECOY);
        WebhookVerifier.Result webhookResult = webhooks ? webhookVerifier.verify(node.webhookSigners(),
                request.webhookId(), request.webhookTimestamp(), request.webhookSignature(), request.body()) : null;
        boolean seedMatched = seed && matchesAny(node.signers(), request);
        if (found.isEmpty()) {
            return AuthResult.unauthorized("unknown_node");
        }
        if (webhooks && webhookResult != WebhookVerifier.Result.VALID) {
            return AuthResult.unauthorized("webhook_" + webhookResult.name().toLowerCase());
        }
        if (seed && !seedMatched) {
            return AuthResult.unauthorized("wrong_signature");
        }
        if (node.requireWebhooks() && !webhooks) {
            return AuthResult.unauthorized("webhooks_required");
        }
        if (!node.enabled()) {
            return AuthResult.forbidden("node_disabled", node);
        }
        return AuthResult.accepted(node, webhooks ? AuthResult.STANDARD_WEBHOOKS : AuthResult.SEED);
    }

    private static boolean matchesAny(List<EventSigner> signers, SignedRequest request) {
        boolean matched = false;
        for (EventSigner signer : signers) {
            matched |= SignatureVerifier.matches(signer, request.body(), request.seedSignature());
        }
        return matched;
    }
}
