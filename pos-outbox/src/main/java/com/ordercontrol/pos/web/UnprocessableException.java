package com.ordercontrol.pos.web;

import org.springframework.http.HttpStatus;

/** Well-formed input that breaks a business rule (for example amounts not summing to the total): 422. */
public class UnprocessableException extends RejectedRequestException {

    public UnprocessableException(String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, message);
    }
}
