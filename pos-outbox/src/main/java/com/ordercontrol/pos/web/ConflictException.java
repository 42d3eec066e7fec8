package com.ordercontrol.pos.web;

import org.springframework.http.HttpStatus;

/** The request conflicts with the resource's state (for example paying a paid order): 409. */
public class ConflictException extends RejectedRequestException {

    public ConflictException(String message) {
        super(HttpStatus.CONFLICT, message);
    }
}
