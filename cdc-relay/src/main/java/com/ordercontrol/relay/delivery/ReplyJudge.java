package com.ordercontrol.relay.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.relay.delivery.Verdict.Cause;
import com.ordercontrol.relay.queue.Outgoing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the cloud's reply to a POST of some events, by the wire contract:
 * <ul>
 * <li>a 2xx counts for an event only when the body names its eventId with outcome {@code accepted}
 *     or {@code duplicate} ({@code {"eventId":…}} for one event, {@code "results":[…]} for a batch);
 *     a 2xx that names none of them (a captive portal's page) delivers nothing;</li>
 * <li>an element refused 400/413/422 is parked; refused 401/403/404/410 is a configuration fault,
 *     retried with an alarm; an event the reply does not name is retried;</li>
 * <li>a whole request answered 400/413/422 parks a single event, and splits a batch;</li>
 * <li>401, 403, 404, 410, a redirect or another unexpected 4xx is a configuration fault; network
 *     errors, 408, 425, 429 and 5xx are an outage, with the cloud's {@code Retry-After} if it gave one.</li>
 * </ul>
 */
final class ReplyJudge {

    private static final Set<Integer> EVENT_REFUSED = Set.of(400, 413, 422);
    private static final Set<Integer> CONFIGURATION = Set.of(401, 403, 404, 410);
    private static final Set<Integer> OUTAGE_4XX = Set.of(408, 425, 429);

    private ReplyJudge() {
    }

    static Judgement judge(List<? extends Outgoing> sent, CloudReply reply) {
        int status = reply.status();
        if (!reply.answered()) {
            return Judgement.failed(new Verdict.Retry(Cause.OUTAGE, reply.describe()), reply.retryAfter());
        }
        if (status >= 200 && status < 300) {
            return namedOutcomes(sent, reply);
        }
        if (EVENT_REFUSED.contains(status)) {
            return sent.size() > 1 ? Judgement.split() : Judgement.each(List.of(new Verdict.Park(status, reason(reply))));
        }
        if (status >= 500 || OUTAGE_4XX.contains(status)) {
            return Judgement.failed(new Verdict.Retry(Cause.OUTAGE, reply.describe()), reply.retryAfter());
        }
        // 401/403/404/410, redirects (a login page), any other 4xx: someone's configuration, not the event.
        return Judgement.failed(new Verdict.Retry(Cause.CONFIGURATION, reply.describe()), reply.retryAfter());
    }

    private static Judgement namedOutcomes(List<? extends Outgoing> sent, CloudReply reply) {
        Map<String, JsonNode> named = named(reply.body());
        if (sent.stream().noneMatch(e -> named.containsKey(e.eventId().toString()))) {
            return Judgement.failed(new Verdict.Retry(Cause.UNCONFIRMED, "HTTP " + reply.status()
                    + " that names none of the events sent (captive portal or proxy?): "
                    + CloudReply.abbreviate(reply.body() == null ? "" : reply.body().strip())), reply.retryAfter());
        }
        List<Verdict> verdicts = new ArrayList<>(sent.size());
        for (Outgoing event : sent) {
            JsonNode result = named.get(event.eventId().toString());
            verdicts.add(result == null
                    ? new Verdict.Retry(Cause.UNCONFIRMED, "HTTP " + reply.status() + " did not name this event")
                    : verdict(reply.status(), result));
        }
        return Judgement.each(verdicts);
    }

    private static Verdict verdict(int status, JsonNode result) {
        String outcome = result.path("outcome").asText("accepted");
        if (outcome.equals("accepted") || outcome.equals("duplicate")) {
            return new Verdict.Delivered(status);
        }
        int refused = result.path("status").asInt(0);
        String reason = "HTTP " + refused + ": " + CloudReply.abbreviate(result.path("reason").asText(outcome));
        if (EVENT_REFUSED.contains(refused)) {
            return new Verdict.Park(refused, CloudReply.abbreviate(result.path("reason").asText(outcome)));
        }
        if (CONFIGURATION.contains(refused)) {
            return new Verdict.Retry(Cause.CONFIGURATION, reason);
        }
        return new Verdict.Retry(Cause.OUTAGE, reason);
    }

    /** eventId → its result, from {@code {"eventId":…}} or {@code {"results":[{"eventId":…},…]}}. */
    private static Map<String, JsonNode> named(String body) {
        Map<String, JsonNode> named = new HashMap<>();
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : ContractJson.read(body);
        } catch (IOException e) {
            return named; // an HTML page or other text names nothing
        }
        if (root == null || !root.isObject()) {
            return named;
        }
        if (root.path("results").isArray()) {
            for (JsonNode result : root.get("results")) {
                if (result.path("eventId").isTextual()) {
                    named.putIfAbsent(result.get("eventId").asText(), result);
                }
            }
        } else if (root.path("eventId").isTextual()) {
            named.put(root.get("eventId").asText(), root);
        }
        return named;
    }

    /** The cloud's explanation of a whole-request refusal: its {@code message}/{@code detail}, or the body. */
    private static String reason(CloudReply reply) {
        try {
            JsonNode root = ContractJson.read(reply.body());
            for (String field : List.of("detail", "message", "error", "reason")) {
                if (root.path(field).isTextual()) {
                    return CloudReply.abbreviate(root.get(field).asText());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the body as it is
        }
        return reply.body() == null || reply.body().isBlank() ? "(no body)" : CloudReply.abbreviate(reply.body().strip());
    }
}
