package com.ordercontrol.pos.web;

/**
 * The body of every error answer: {@code {"error":"bad_request","message":"payments[0].amount is required…"}}.
 *
 * @param error   the HTTP status as a lower-case word ({@code bad_request}, {@code not_found},
 *                {@code conflict}, {@code unprocessable_content}, …), stable for programs
 * @param message what was wrong, for people; names the field when one was at fault
 */
public record ApiError(String error, String message) {
}
