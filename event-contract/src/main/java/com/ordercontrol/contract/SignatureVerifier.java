package com.ordercontrol.contract;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Checks an {@code X-Request-Signature} header against the exact body bytes in constant time.
 *
 * <p>The comparison is over the decoded HMAC bytes with {@link MessageDigest#isEqual}, whose running
 * time does not depend on where the first differing byte is, so a caller cannot learn a valid
 * signature byte by byte from response times.
 */
public final class SignatureVerifier {

    private static final int HMAC_SHA256_HEX_LENGTH = 64;

    private SignatureVerifier() {
    }

    /**
     * Whether {@code header} is a well-formed {@code sha256=<64 hex>} value. A malformed header is
     * refused before any secret is touched.
     */
    public static boolean isWellFormed(String header) {
        if (header == null || !header.startsWith(EventSigner.PREFIX)) {
            return false;
        }
        String hex = header.substring(EventSigner.PREFIX.length());
        if (hex.length() != HMAC_SHA256_HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** True only when the header is well formed and is the HMAC of {@code body} under the signer's secret. */
    public static boolean matches(EventSigner signer, byte[] body, String header) {
        if (!isWellFormed(header)) {
            return false;
        }
        byte[] presented = HexFormat.of().parseHex(header.substring(EventSigner.PREFIX.length()));
        return MessageDigest.isEqual(signer.hmac(body), presented);
    }
}
