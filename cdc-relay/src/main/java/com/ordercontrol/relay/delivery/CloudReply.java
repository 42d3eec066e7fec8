package com.ordercontrol.relay.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the cloud answered to one POST, or that it could not be reached.
 *
 * @param status     the HTTP status, or {@link #NO_ANSWER} for a network error or timeout
 * @param body       the answer's body as text (the network error for {@link #NO_ANSWER})
 * @param retryAfter the {@code Retry-After} header, if any
 * @param cloudDate  the {@code Date} header, if any (whole seconds)
 * @param receivedAt the NUC's wall clock when the answer arrived
 */
public record CloudReply(int status, String body, Optional<Duration> retryAfter, Optional<Instant> cloudDate, Instant receivedAt) {

    public static final int NO_ANSWER = -1;

    static CloudReply unreachable(String why, Instant at) {
        return new CloudReply(NO_ANSWER, why, Optional.empty(), Optional.empty(), at);
    }

    public boolean answered() {
        return status != NO_ANSWER;
    }

    /** NUC clock minus cloud clock in ms; the {@code Date} header has whole seconds, so its middle is used. */
    public Optional<Long> clockSkewMillis() {
        return cloudDate.map(date -> receivedAt.toEpochMilli() - (date.toEpochMilli() + 500));
    }

    /** A short text for logs and {@code last_error}. */
    public String describe() {
        if (!answered()) {
            return body;
        }
        String text = body == null || body.isBlank() ? "(no body)" : abbreviate(body.strip());
        return "HTTP " + status + ": " + text;
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
