package com.ordercontrol.contract;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request the Standard Webhooks way (https://www.standardwebhooks.com): HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<exact body bytes>}, sent as {@code webhook-signature: v1,<base64>}.
 *
 * <p>Key: a secret of the form {@code whsec_<base64>} is base64-decoded as the specification says (so
 * Debezium Server's HTTP sink and the reference libraries interoperate); any other secret, such as the
 * seed's {@code SERVER_API_KEY=dev-secret}, is used as its UTF-8 bytes, so one node secret serves both
 * schemes. Instances are immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class WebhookSigner {

    /** The specification's prefix for base64-encoded secrets. */
    public static final String SECRET_PREFIX = "whsec_";
    static final String VERSION = "v1";

    private final SecretKeySpec key;

    private WebhookSigner(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("signing secret must not be empty");
        }
        this.key = new SecretKeySpec(key, EventSigner.ALGORITHM);
    }

    /** A signer for a node secret: {@code whsec_<base64>} is decoded, anything else is taken as UTF-8. */
    public static WebhookSigner withSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.startsWith(SECRET_PREFIX)) {
            try {
                return new WebhookSigner(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())));
            } catch (IllegalArgumentException e) {
                // Do not echo the secret: the message may reach a log.
                throw new IllegalArgumentException("a whsec_ secret must be base64 after its prefix");
            }
        }
        return new WebhookSigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** One {@code v1,<base64>} signature of {@code id.timestamp.body}. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
        return VERSION + "," + Base64.getEncoder().encodeToString(hmac(id, timestampSeconds, body));
    }

    /**
     * The three headers to send with {@code body}, signed now: {@code webhook-id}, {@code webhook-timestamp}
     * (Unix seconds of {@code now}) and {@code webhook-signature}. Sign at send time, never at enqueue
     * time, or a delayed delivery falls outside the receiver's tolerance.
     */
    public Map<String, String> headers(String id, Instant now, byte[] body) {
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WireHeaders.WEBHOOK_ID, id);
        headers.put(WireHeaders.WEBHOOK_TIMESTAMP, Long.toString(timestamp));
        headers.put(WireHeaders.WEBHOOK_SIGNATURE, sign(id, timestamp, body));
        return headers;
    }

    byte[] hmac(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(EventSigner.ALGORITHM);
            mac.init(key);
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[secret=***]";
    }
}
