package com.ordercontrol.ingest.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercontrol.contract.ContractJson;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Small JSON answers of the ingest endpoint: {@code {"status":401,"error":"..."}}; never a secret. */
final class ErrorBody {

    private ErrorBody() {
    }

    static ResponseEntity<byte[]> response(int status, String message) {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("status", status);
        node.put("error", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ContractJson.write(node));
    }

    /**
     * 503 naming what is unavailable, with its {@code Retry-After}:
     * {@code {"status":503,"unavailable":"busy","error":"..."}}.
     */
    static ResponseEntity<byte[]> unavailable(Unavailable what, String message) {
        ObjectNode node = ContractJson.mapper().createObjectNode();
        node.put("status", 503);
        node.put("unavailable", what.name);
        node.put("error", message);
        return ResponseEntity.status(503).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(what.retryAfterSeconds)).body(ContractJson.write(node));
    }

    static ResponseEntity<byte[]> json(int status, String json) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(json.getBytes(StandardCharsets.UTF_8));
    }

    static String quote(String text) {
        return ContractJson.mapper().getNodeFactory().textNode(text).toString();
    }

    /** A header value safe for a log line (no line breaks, bounded length). */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String clean = value.replaceAll("[^A-Za-z0-9._:-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
