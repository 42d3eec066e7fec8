package com.ordercontrol.relay.ops;

/**
 * The relay's figures over JMX ({@code com.ordercontrol.relay:type=Relay,slot=<slot>}): the same
 * numbers as the {@code status} command plus running totals since start. Read them with jconsole,
 * {@code jcmd}, or any JMX exporter.
 */
public interface RelayMetricsMBean {

    long getQueueDepth();

    long getOldestPendingAgeSeconds();

    long getParked();

    long getStuck();

    long getSlotLagBytes();

    boolean isSlotActive();

    boolean isBackPressure();

    long getLastDeliveryEpochSecond();

    long getHeldPastRetention();

    long getDeliveredTotal();

    long getTransientFailuresTotal();

    long getParkedTotal();

    long getBecameStuckTotal();

    long getCapturedTotal();

    long getReconciledTotal();

    long getBackPressureEpisodesTotal();
}
