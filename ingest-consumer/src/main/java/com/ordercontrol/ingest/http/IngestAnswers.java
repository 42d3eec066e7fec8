package com.ordercontrol.ingest.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercontrol.contract.ContractJson;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The 202 bodies: one envelope, or one result per element of an array (see docs/wire-contract.md). */
final class IngestAnswers {

    private IngestAnswers() {
    }

    /** {@code {"status":"accepted","eventId":"e1","outcome":"accepted"}} (or {@code "duplicate"}). */
    static ResponseEntity<byte[]> single(ElementResult result) {
        ObjectNode body = ContractJson.mapper().createObjectNode();
        body.put("status", "accepted");
        body.put("eventId", result.eventId());
        body.put("outcome", result.outcome());
        return accepted(body);
    }

    /**
     * {@code {"status":"processed","accepted":2,"duplicates":1,"refused":1,"results":[{"index":0,"eventId":"e1",
     * "outcome":"accepted"}, ..., {"index":3,"eventId":"e9","outcome":"refused","status":400,"reason":"..."}]}}.
     */
    static ResponseEntity<byte[]> batch(List<ElementResult> results) {
        ObjectNode body = ContractJson.mapper().createObjectNode();
        body.put("status", "processed");
        body.put("accepted", results.stream().filter(ElementResult::isAccepted).count());
        body.put("duplicates", results.stream().filter(r -> ElementResult.DUPLICATE.equals(r.outcome())).count());
        body.put("refused", results.stream().filter(ElementResult::isRefused).count());
        ArrayNode list = body.putArray("results");
        for (ElementResult r : results) {
            ObjectNode item = list.addObject();
            item.put("index", r.index());
            item.put("eventId", r.eventId());
            item.put("outcome", r.outcome());
            if (r.isRefused()) {
                item.put("status", r.status());
                item.put("reason", r.reason() + ": " + r.message());
            }
        }
        return accepted(body);
    }

    private static ResponseEntity<byte[]> accepted(ObjectNode body) {
        return ResponseEntity.status(202).contentType(MediaType.APPLICATION_JSON).body(ContractJson.write(body));
    }
}
