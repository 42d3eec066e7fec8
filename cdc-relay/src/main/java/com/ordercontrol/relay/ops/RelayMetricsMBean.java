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

    long getRequestsTotal();

    long getRetryAfterHonouredTotal();

    long getConfigurationFaultsTotal();

    boolean isConfigurationFault();

    long getUnconfirmedTotal();

    long getClockSkewMillis();

    double getCaptureP50Millis();

    double getCaptureP99Millis();

    double getQueueWaitP50Millis();

    double getQueueWaitP99Millis();

    double getHttpP50Millis();

    double getHttpP99Millis();

    double getMarkDeliveredP50Millis();

    double getMarkDeliveredP99Millis();

    double getQueuedToDeliveredP50Millis();

    double getQueuedToDeliveredP99Millis();
}
