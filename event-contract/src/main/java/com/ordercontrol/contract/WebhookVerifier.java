package com.ordercontrol.contract;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies Standard Webhooks headers against the exact body bytes, in constant time per candidate key.
 *
 * <p>The timestamp must be within the tolerance (default five minutes) of this verifier's clock in
 * both directions, so a captured request cannot be replayed later and a box with a clock far ahead is
 * noticed. The signature header may hold up to {@link #MAX_SIGNATURES} space-separated values (a sender
 * mid-rotation signs with old and new keys); one {@code v1} value matching one candidate key is enough.
 * The work is one HMAC per candidate key, however many values are presented.
 */
public final class WebhookVerifier {

    /** The specification's recommended tolerance. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final int HMAC_SHA256_LENGTH = 32;

    /** Outcome of a verification; everything but {@link #VALID} is a refusal with its reason. */
    public enum Result {
        VALID,
        /** None of the three headers was sent. */
        MISSING,
        /** A header is missing or cannot be read (bad timestamp, no v1 value, bad base64). */
        MALFORMED,
        /** The timestamp is outside the tolerance, before or after now. */
        TIMESTAMP_OUT_OF_TOLERANCE,
        /** Well formed and in time, but no signature matches any candidate key. */
        NO_MATCH,
        /** More than {@link #MAX_SIGNATURES} values in the signature header. */
        TOO_MANY_SIGNATURES
    }

    /**
     * Most signature values accepted in one header (a sender rotating keys needs two); more is refused
     * before any HMAC is computed, so a forged header cannot multiply the work.
     */
    public static final int MAX_SIGNATURES = 4;

    /** {@code webhook-id}: 1 to 256 printable ASCII characters. */
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7E]{1,256}");

    private final Clock clock;
    private final Duration tolerance;

    private WebhookVerifier(Clock clock, Duration tolerance) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
    }

    /** A verifier with the default ±5 minute tolerance. */
    public static WebhookVerifier withClock(Clock clock) {
        return new WebhookVerifier(clock, DEFAULT_TOLERANCE);
    }

    /** A verifier with an explicit tolerance (both directions). */
    public static WebhookVerifier withClock(Clock clock, Duration tolerance) {
        return new WebhookVerifier(clock, tolerance);
    }

    /** Whether any Standard Webhooks header is present, i.e. the sender chose this scheme. */
    public static boolean isPresent(String id, String timestamp, String signatures) {
        return id != null || timestamp != null || signatures != null;
    }

    /**
     * Checks the headers against the body under any of the candidate keys (a node's active secrets).
     *
     * @param id         {@code webhook-id}
     * @param timestamp  {@code webhook-timestamp}, Unix seconds
     * @param signatures {@code webhook-signature}, one or more space-separated {@code v1,<base64>}
     */
    public Result verify(Collection<WebhookSigner> candidates, String id, String timestamp, String signatures,
            byte[] body) {
        if (!isPresent(id, timestamp, signatures)) {
            return Result.MISSING;
        }
        if (id == null || !ID.matcher(id).matches() || timestamp == null || signatures == null
                || !TIMESTAMP.matcher(timestamp).matches()) {
            return Result.MALFORMED;
        }
        long seconds = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.toSeconds()) {
            return Result.TIMESTAMP_OUT_OF_TOLERANCE;
        }
        String[] values = signatures.trim().split(" +");
        if (values.length > MAX_SIGNATURES) {
            return Result.TOO_MANY_SIGNATURES;
        }
        List<byte[]> presented = new ArrayList<>(values.length);
        for (String value : values) {
            int comma = value.indexOf(',');
            if (comma < 0 || !WebhookSigner.VERSION.equals(value.substring(0, comma))) {
                continue; // other versions (e.g. v1a asymmetric) are allowed but not ours
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(value.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                return Result.MALFORMED;
            }
            if (decoded.length != HMAC_SHA256_LENGTH) {
                return Result.MALFORMED;
            }
            presented.add(decoded);
        }
        if (presented.isEmpty()) {
            return Result.MALFORMED;
        }
        boolean matched = false;
        for (WebhookSigner candidate : candidates) {
            // One HMAC per key, whatever the number of values; each compared in constant time, no early exit.
            byte[] expected = candidate.hmac(id, seconds, body);
            for (byte[] value : presented) {
                matched |= MessageDigest.isEqual(expected, value);
            }
        }
        return matched ? Result.VALID : Result.NO_MATCH;
    }
}
