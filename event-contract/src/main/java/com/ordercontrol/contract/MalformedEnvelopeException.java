package com.ordercontrol.contract;

/** The body is not a readable event envelope; the reason is safe to return to the sender. */
public final class MalformedEnvelopeException extends Exception {

    public MalformedEnvelopeException(String reason) {
        super(reason);
    }
}
