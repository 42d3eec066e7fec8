package com.ordercontrol.pos.web;

import org.springframework.http.HttpStatus;

/** Bad input from the client, such as a missing field or an amount with too many decimals: 400. */
public class InvalidInputException extends RejectedRequestException {

    public InvalidInputException(String message) {
        super(HttpStatus.BAD_REQUEST, message);
    }
}
