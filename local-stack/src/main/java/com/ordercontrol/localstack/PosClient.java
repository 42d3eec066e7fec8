package com.ordercontrol.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercontrol.contract.ContractJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Calls the reference POS API over real HTTP, as a till would. */
public final class PosClient {

    /** One payment to take: method, amount toward the total, tip on top. */
    public record Tender(String method, BigDecimal amount, BigDecimal tip) {
    }

    /** A paid order as the POS confirmed it. */
    public record PaidOrder(String orderId, String eventId, List<String> paymentIds) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public PosClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Creates an order for {@code total} and returns its id. */
    public String createOrder(BigDecimal total) {
        ObjectNode body = ContractJson.mapper().createObjectNode().put("total", total.toPlainString());
        return post("/api/orders", body, 201).get("orderId").asText();
    }

    /** Pays an order with the given tenders; returns what the POS recorded. */
    public PaidOrder pay(String orderId, List<Tender> tenders) {
        ObjectNode body = ContractJson.mapper().createObjectNode();
        ArrayNode payments = body.putArray("payments");
        for (Tender t : tenders) {
            payments.addObject().put("method", t.method()).put("amount", t.amount().toPlainString())
                    .put("tip", t.tip().toPlainString());
        }
        JsonNode paid = post("/api/orders/" + orderId + "/pay", body, 200);
        List<String> ids = new ArrayList<>();
        paid.get("payments").forEach(p -> ids.add(p.get("paymentId").asText()));
        return new PaidOrder(orderId, paid.path("eventId").asText(), ids);
    }

    /**
     * Refunds part ({@code amount}) or, with a null amount, the rest of a payment; returns the refund id.
     */
    public String refund(String orderId, String paymentId, BigDecimal amount, String reason) {
        ObjectNode body = ContractJson.mapper().createObjectNode().put("reason", reason);
        if (amount != null) {
            body.put("amount", amount.toPlainString());
        }
        return post("/api/orders/" + orderId + "/payments/" + paymentId + "/refunds", body, 201).get("refundId").asText();
    }

    /** The POS's own daily totals for its venue. */
    public JsonNode dailyTotals(LocalDate date) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/reports/daily-totals?date=" + date)).GET()
                .build(), 200);
    }

    private JsonNode post(String path, JsonNode body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ContractJson.write(body)))
                .build();
        return send(request, expected);
    }

    static JsonNode send(HttpClient http, HttpRequest request, int expected) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + new String(response.body()));
            }
            return ContractJson.read(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode send(HttpRequest request, int expected) {
        return send(http, request, expected);
    }
}
