package com.ordercontrol.ingest.http;

import com.ordercontrol.ingest.stream.VerifiedEvent;

/**
 * What became of one envelope of a request.
 *
 * @param index   position in the array (0 for a single envelope)
 * @param eventId the envelope's eventId, or null when it cannot be read
 * @param outcome {@code accepted}, {@code duplicate} or {@code refused}
 * @param status  for a refusal: 400 or 403; else 0
 * @param reason  for a refusal: a short reason such as {@code foreign_venue}; else null
 * @param message for a refusal: what is wrong, for the sender; else null
 * @param event   for an accepted envelope: what goes to the topic; else null
 */
record ElementResult(int index, String eventId, String outcome, int status, String reason, String message,
        VerifiedEvent event) {

    static final String ACCEPTED = "accepted";
    static final String DUPLICATE = "duplicate";
    static final String REFUSED = "refused";

    static ElementResult accepted(int index, VerifiedEvent event) {
        return new ElementResult(index, event.eventId(), ACCEPTED, 0, null, null, event);
    }

    static ElementResult duplicate(int index, String eventId) {
        return new ElementResult(index, eventId, DUPLICATE, 0, null, null, null);
    }

    static ElementResult refused(int index, String eventId, int status, String reason, String message) {
        return new ElementResult(index, eventId, REFUSED, status, reason, message, null);
    }

    boolean isAccepted() {
        return ACCEPTED.equals(outcome);
    }

    boolean isRefused() {
        return REFUSED.equals(outcome);
    }

    /** The same envelope reported as a duplicate (a replayed webhook-id: nothing of it is produced again). */
    ElementResult asDuplicate() {
        return duplicate(index, eventId);
    }
}
