package com.ordercontrol.contract;

/** An event payload ({@code order_paid}, {@code order_refunded}) that cannot become facts; the message is the dead-letter reason. */
public final class InvalidPayloadException extends Exception {

    public InvalidPayloadException(String reason) {
        super(reason);
    }
}
