package com.ordercontrol.ingest.registry;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WebhookSigner;
import java.util.List;

/**
 * A node as the ingest endpoint needs it: its venue, its state and a signer per active secret (both
 * schemes). Signers never show their secret, so this record is safe to log.
 *
 * @param nodeId          the {@code X-Server-Node-Id}
 * @param venueId         the only venue this node may write for
 * @param enabled         a disabled node is refused with 403
 * @param requireWebhooks only Standard Webhooks signatures are accepted from this node
 * @param signers         seed-scheme signers, one per active secret
 * @param webhookSigners  Standard Webhooks signers, one per active secret
 */
public record RegisteredNode(String nodeId, String venueId, boolean enabled, boolean requireWebhooks,
        List<EventSigner> signers, List<WebhookSigner> webhookSigners) {

    public RegisteredNode {
        signers = List.copyOf(signers);
        webhookSigners = List.copyOf(webhookSigners);
    }
}
