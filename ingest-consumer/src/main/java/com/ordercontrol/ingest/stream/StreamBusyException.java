package com.ordercontrol.ingest.stream;

/** Too many events of this instance wait for Kafka's acknowledgement: nothing was sent; retry shortly (503). */
public class StreamBusyException extends StreamUnavailableException {

    public StreamBusyException(String message) {
        super(message, null);
    }
}
