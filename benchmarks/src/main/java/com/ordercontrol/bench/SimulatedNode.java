package com.ordercontrol.bench;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WebhookSigner;
import com.ordercontrol.contract.WireHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated venue box: its own venue, node id and secret, signing like the relay (Standard Webhooks
 * with {@code webhook-id} = the eventId for one event, {@code batch_<first eventId>_<count>} for a batch;
 * or the HMAC header only). Events are {@code order_paid} with one payment whose amount and tip follow
 * from the event's sequence number, so the sums sent are known exactly.
 */
final class SimulatedNode {

    private final String nodeId;
    private final String venueId;
    private final String secret;
    private final WebhookSigner webhooks;
    private final EventSigner hmac;
    private final AtomicLong sequence = new AtomicLong();

    SimulatedNode(String nodeId, String venueId, String secret) {
        this.nodeId = nodeId;
        this.venueId = venueId;
        this.secret = secret;
        this.webhooks = WebhookSigner.withSecret(secret);
        this.hmac = EventSigner.withSecret(secret);
    }

    String nodeId() {
        return nodeId;
    }

    String venueId() {
        return venueId;
    }

    String secret() {
        return secret;
    }

    /** A request body of {@code count} events (an object for 1 unless {@code array}), and what it carries. */
    record Body(byte[] bytes, String firstEventId, int events, long amountCents, long tipCents) {
    }

    Body next(int count, boolean array, String now) {
        StringBuilder s = new StringBuilder(count * 380 + 2);
        if (array) {
            s.append('[');
        }
        String first = null;
        long amounts = 0;
        long tips = 0;
        for (int i = 0; i < count; i++) {
            long seq = sequence.incrementAndGet();
            String id = nodeId + "-" + seq;
            if (first == null) {
                first = id;
            }
            long amount = 500 + (seq * 7) % 4_000;
            long tip = seq % 300;
            amounts += amount;
            tips += tip;
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"eventId\":\"").append(id).append("\",\"eventType\":\"order_paid\",\"venueId\":\"").append(venueId)
                    .append("\",\"occurredAt\":\"").append(now).append("\",\"payload\":{\"orderId\":\"").append(id)
                    .append("\",\"orderNumber\":").append(seq).append(",\"currency\":\"USD\",\"total\":\"");
            money(s, amount).append("\",\"payments\":[{\"paymentId\":\"").append(id).append("-p\",\"method\":\"card\",\"amount\":\"");
            money(s, amount).append("\",\"tip\":\"");
            money(s, tip).append("\",\"paidAt\":\"").append(now).append("\"}]}}");
        }
        if (array) {
            s.append(']');
        }
        return new Body(s.toString().getBytes(StandardCharsets.UTF_8), first, count, amounts, tips);
    }

    private static StringBuilder money(StringBuilder s, long cents) {
        s.append(cents / 100).append('.');
        long c = cents % 100;
        return s.append(c < 10 ? "0" : "").append(c);
    }

    /** Signature headers for {@code body}, signed now. */
    Map<String, String> headers(Body body, boolean array, boolean standardWebhooks, boolean nodeHeader) {
        Map<String, String> h = new LinkedHashMap<>();
        if (nodeHeader) {
            h.put(WireHeaders.NODE_ID, nodeId);
        }
        if (standardWebhooks) {
            String id = array ? "batch_" + body.firstEventId() + "_" + body.events() : body.firstEventId();
            h.putAll(webhooks.headers(id, Instant.now(), body.bytes()));
        } else {
            h.put(WireHeaders.SIGNATURE, hmac.signatureHeader(body.bytes()));
        }
        return h;
    }
}
