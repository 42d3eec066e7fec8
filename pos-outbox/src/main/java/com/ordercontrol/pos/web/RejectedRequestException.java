package com.ordercontrol.pos.web;

import org.springframework.http.HttpStatus;

/**
 * A request refused for a reason the client can fix; answered with {@link #status()} and the message,
 * which names the field at fault. Thrown before or inside the transaction, so nothing is written.
 */
public abstract class RejectedRequestException extends RuntimeException {

    private final HttpStatus status;

    protected RejectedRequestException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
