package com.ordercontrol.pos.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for the POS API under test; bodies read with the contract's exact-decimal mapper. */
public final class PosApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public PosApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Status and parsed body of one exchange. */
    public record Reply(int status, JsonNode body) {
        public String text(String field) {
            return body.path(field).asText();
        }
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Creates an open order and returns its id (fails the test unless 201). */
    public String createOrder(String total) {
        Reply reply = post("/api/orders", "{\"total\":\"" + total + "\"}");
        if (reply.status() != 201) {
            throw new AssertionError("create order: " + reply);
        }
        return reply.text("orderId");
    }

    /** Pays an open order with one line per {@code {"method","amount","tip"}} JSON object given (fails unless 200). */
    public Reply pay(String orderId, String... lines) {
        Reply reply = post("/api/orders/" + orderId + "/pay", "{\"payments\":[" + String.join(",", lines) + "]}");
        if (reply.status() != 200) {
            throw new AssertionError("pay: " + reply);
        }
        return reply;
    }

    /** Refunds a payment; {@code json} is the body ({@code {"amount":"5.00","reason":"..."}}). */
    public Reply refund(String orderId, String paymentId, String json) {
        return post("/api/orders/" + orderId + "/payments/" + paymentId + "/refunds", json);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(response.statusCode(), body.isEmpty() ? null : ContractJson.read(body));
        } catch (IOException e) {
            throw new IllegalStateException("POS API call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
