package com.ordercontrol.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;

/** Reads finance's daily totals and the venues' node health from the cloud over real HTTP with a bearer token. */
public final class CloudReportClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    public CloudReportClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public JsonNode dailyTotals(String venueId, LocalDate date) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        baseUrl + "/api/reports/daily-totals?venueId=" + venueId + "&date=" + date))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return PosClient.send(http, request, 200);
    }

    /** {@code GET /api/health/venues}: the token's venues, last seen and silent flags. */
    public JsonNode venueHealth() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/health/venues"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return PosClient.send(http, request, 200);
    }
}
