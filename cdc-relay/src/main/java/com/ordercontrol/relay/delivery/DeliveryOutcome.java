package com.ordercontrol.relay.delivery;

/** What one POST of an event came to; the retry decision is made on this type. */
public sealed interface DeliveryOutcome {

    /** A short text for logs and {@code last_error}. */
    String describe();

    /** 2xx: the cloud has the event (a duplicate counts too). */
    record Accepted(int status) implements DeliveryOutcome {
        public String describe() {
            return "HTTP " + status;
        }
    }

    /** 408, 425, 429, 5xx, any other unexpected status or a network error: try again later. */
    record Transient(String reason) implements DeliveryOutcome {
        public String describe() {
            return reason;
        }
    }

    /** Any other 4xx: the cloud will not take this event as it is; park it. */
    record Refused(int status, String reason) implements DeliveryOutcome {
        public String describe() {
            return "HTTP " + status + ": " + reason;
        }
    }

    /** Sorts an HTTP status into one of the outcomes. */
    static DeliveryOutcome of(int status, String body) {
        if (status >= 200 && status < 300) {
            return new Accepted(status);
        }
        boolean permanent = status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
        String reason = body == null || body.isBlank() ? "(no body)" : abbreviate(body.strip());
        return permanent ? new Refused(status, reason) : new Transient("HTTP " + status + ": " + reason);
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
