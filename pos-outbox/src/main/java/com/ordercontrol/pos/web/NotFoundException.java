package com.ordercontrol.pos.web;

import org.springframework.http.HttpStatus;

/** The resource addressed does not exist: 404. */
public class NotFoundException extends RejectedRequestException {

    public NotFoundException(String message) {
        super(HttpStatus.NOT_FOUND, message);
    }
}
