package com.ordercontrol.contract;

/** An {@code order_paid} payload that cannot become facts; the message is the dead-letter reason. */
public final class InvalidPayloadException extends Exception {

    public InvalidPayloadException(String reason) {
        super(reason);
    }
}
