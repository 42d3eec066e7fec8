package com.ordercontrol.relay.delivery;

/** What one POST came to for one event; the retry decision is made on this type. */
sealed interface Verdict {

    /** The cloud's answer named this event as accepted or duplicate: delete it from the queue. */
    record Delivered(int status) implements Verdict {
    }

    /** The cloud refused the event itself (400, 413, 422): park it with the reason. */
    record Park(int status, String reason) implements Verdict {
    }

    /** Not delivered; try again on the schedule (or after the cloud's {@code Retry-After}). */
    record Retry(Cause cause, String reason) implements Verdict {

        /** The configuration fault this retry shows, if it is one (an outage is not). */
        java.util.Optional<String> fault() {
            return cause == Cause.OUTAGE ? java.util.Optional.empty() : java.util.Optional.of(reason);
        }
    }

    /** Why an event is tried again. */
    enum Cause {
        /** Network error, timeout, 408, 425, 429, 5xx: the cloud or the link is away for now. */
        OUTAGE,
        /** 401, 403, 404, 410 (or another unexpected answer): a configuration fault on one side; alarm. */
        CONFIGURATION,
        /** A 2xx that did not name the event (captive portal, proxy): it may not have reached the cloud. */
        UNCONFIRMED
    }
}
