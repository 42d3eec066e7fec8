package com.ordercontrol.ingest.stream;

/** Kafka did not acknowledge in the bounded time; the sender should retry (503). */
public class StreamUnavailableException extends Exception {

    public StreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
