package com.ordercontrol.ingest.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Real HTTP calls to the service under test. Signs independently of the production code (plain
 * {@code javax.crypto}, as Node's {@code createHmac('sha256', key).update(body).digest('hex')} does).
 */
public final class IngestClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public IngestClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** Hex HMAC-SHA256 of the exact bytes, the seed's way. */
    public static String seedSignature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs signed the seed's way. */
    public HttpResponse<String> postSigned(String nodeId, String secret, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Server-Node-Id", nodeId);
        headers.put("X-Request-Signature", seedSignature(secret, Events.bytes(body)));
        return post(body, headers);
    }

    public HttpResponse<String> post(String body, Map<String, String> headers) {
        return post(Events.bytes(body), headers);
    }

    public HttpResponse<String> post(byte[] body, Map<String, String> headers) {
        return post("/api/events/ingest", body, headers);
    }

    /** POSTs to another path of the service, e.g. {@code /api/nodes/node-1/events}. */
    public HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        return post(path, Events.bytes(body), headers);
    }

    public HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
