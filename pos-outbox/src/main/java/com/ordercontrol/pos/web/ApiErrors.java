package com.ordercontrol.pos.web;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns every failure into an {@link ApiError} with a fitting status, so clients see one error shape. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(RejectedRequestException.class)
    ResponseEntity<ApiError> rejected(RejectedRequestException e) {
        return answer(e.status(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return answer(HttpStatus.BAD_REQUEST, UnreadableBody.describe(e));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badPathOrParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : "a " + e.getRequiredType().getSimpleName();
        return answer(HttpStatus.BAD_REQUEST, e.getName() + " must be " + expected + " but was '" + e.getValue() + "'");
    }

    /** Spring's own request errors (unknown path 404, wrong method 405, media type 415, …) keep their status. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            String detail = response.getBody().getDetail();
            return answer(response.getStatusCode(), detail == null ? e.getMessage() : detail);
        }
        log.error("request failed; its transaction, if any, was rolled back", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error (see the POS log); the request's transaction, if any, was rolled back");
    }

    private static ResponseEntity<ApiError> answer(HttpStatusCode status, String message) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String error = known == null ? "http_" + status.value() : known.name().toLowerCase(Locale.ROOT);
        return ResponseEntity.status(status).body(new ApiError(error, message));
    }
}
