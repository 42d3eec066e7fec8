package com.ordercontrol.contract;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the exact bytes of a request body the way the seed's POS fleet does:
 * {@code sha256=} followed by the lowercase hex HMAC-SHA256 of the body under the node's secret.
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class EventSigner {

    static final String ALGORITHM = "HmacSHA256";
    static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    private EventSigner(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("signing secret must not be empty");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** A signer for the given shared secret (UTF-8), e.g. {@code SERVER_API_KEY}. */
    public static EventSigner withSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        return new EventSigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the {@code X-Request-Signature} header for these exact body bytes. */
    public String signatureHeader(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(body));
    }

    /** The raw HMAC-SHA256 of the body. */
    public byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "EventSigner[secret=***]";
    }
}
