package com.ordercontrol.ingest.facts;

/**
 * One record read from the topic: where it sits and its exact value bytes.
 *
 * @param value the verified request body as the ingest endpoint received it
 */
public record StreamRecord(String topic, int partition, long offset, byte[] value) {

    @Override
    public String toString() {
        return "StreamRecord[" + topic + "-" + partition + "@" + offset + ", bytes=" + value.length + "]";
    }
}
