package com.ordercontrol.pos.web;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Explains a request body the JSON reader refused, naming the field ({@code payments[0].amount}) rather
 * than echoing Jackson's internal message, which speaks of Java types.
 */
final class UnreadableBody {

    private UnreadableBody() {
    }

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return "request body is required and must be a JSON object";
        }
        if (cause instanceof StreamReadException read) {
            return read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate ")
                    ? "request body is not valid JSON: an object repeats a key" : "request body is not valid JSON";
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = path(jackson.getPath());
            Class<?> target = cause instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            return field + " " + expected(target);
        }
        return "request body must be a JSON object";
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "has an invalid value";
        }
        if (BigDecimal.class.equals(target)) {
            return "must be a decimal number or a decimal string such as \"12.99\"";
        }
        if (String.class.equals(target)) {
            return "must be a string";
        }
        if (List.class.isAssignableFrom(target)) {
            return "must be a list";
        }
        return "must be a JSON object";
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
