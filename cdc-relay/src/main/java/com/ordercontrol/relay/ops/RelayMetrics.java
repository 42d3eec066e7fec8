package com.ordercontrol.relay.ops;

import com.ordercontrol.relay.counters.RelayCounters;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMX view of {@link RelayStatus} and {@link RelayCounters}. Chosen over an HTTP {@code /metrics}
 * page because it needs no port and no dependency on the NUC; figures are read from the database
 * on each call (a few indexed counts), so they match {@code status} exactly. -1 means "unknown".
 */
public final class RelayMetrics implements RelayMetricsMBean, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayMetrics.class);

    private final StatusReader status;
    private final RelayCounters counters;
    private final ObjectName name;

    private RelayMetrics(StatusReader status, RelayCounters counters, ObjectName name) {
        this.status = status;
        this.counters = counters;
        this.name = name;
    }

    /** Registers the MBean; a JMX failure is logged, never fatal to delivery. */
    public static RelayMetrics register(StatusReader status, RelayCounters counters, String slotName) {
        RelayMetrics metrics = null;
        try {
            ObjectName name = new ObjectName("com.ordercontrol.relay:type=Relay,slot=" + slotName);
            metrics = new RelayMetrics(status, counters, name);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (!server.isRegistered(name)) {
                server.registerMBean(metrics, name);
            }
        } catch (JMException e) {
            log.warn("relay metrics not registered with JMX: {}", e.toString());
        }
        return metrics;
    }

    private RelayStatus now() {
        try {
            return status.read();
        } catch (SQLException e) {
            throw new IllegalStateException("NUC database not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public long getQueueDepth() {
        return now().pending();
    }

    @Override
    public long getOldestPendingAgeSeconds() {
        return now().oldestPendingAge().map(Duration::getSeconds).orElse(0L);
    }

    @Override
    public long getParked() {
        return now().parked();
    }

    @Override
    public long getStuck() {
        return now().stuck();
    }

    @Override
    public long getSlotLagBytes() {
        return now().slotLagBytes().orElse(-1);
    }

    @Override
    public boolean isSlotActive() {
        return now().slotActive();
    }

    @Override
    public boolean isBackPressure() {
        return now().backPressure() || counters.backPressure();
    }

    @Override
    public long getLastDeliveryEpochSecond() {
        return now().lastDelivery().map(Instant::getEpochSecond).orElse(-1L);
    }

    @Override
    public long getHeldPastRetention() {
        return now().heldPastRetention();
    }

    @Override
    public long getDeliveredTotal() {
        return counters.deliveredTotal();
    }

    @Override
    public long getTransientFailuresTotal() {
        return counters.transientFailuresTotal();
    }

    @Override
    public long getParkedTotal() {
        return counters.parkedTotal();
    }

    @Override
    public long getBecameStuckTotal() {
        return counters.becameStuckTotal();
    }

    @Override
    public long getCapturedTotal() {
        return counters.capturedTotal();
    }

    @Override
    public long getReconciledTotal() {
        return counters.reconciledTotal();
    }

    @Override
    public long getBackPressureEpisodesTotal() {
        return counters.backPressureWaitsTotal();
    }

    @Override
    public long getRequestsTotal() {
        return counters.requestsTotal();
    }

    @Override
    public long getRetryAfterHonouredTotal() {
        return counters.retryAfterHonouredTotal();
    }

    @Override
    public long getConfigurationFaultsTotal() {
        return counters.configFaultsTotal();
    }

    @Override
    public boolean isConfigurationFault() {
        return counters.configFaultNow();
    }

    @Override
    public long getUnconfirmedTotal() {
        return counters.unconfirmedTotal();
    }

    @Override
    public long getClockSkewMillis() {
        long skew = counters.clockSkewMillis();
        return skew == Long.MIN_VALUE ? now().clockSkewMillis().orElse(0) : skew;
    }

    @Override
    public double getCaptureP50Millis() {
        return counters.capture.percentileMillis(50);
    }

    @Override
    public double getCaptureP99Millis() {
        return counters.capture.percentileMillis(99);
    }

    @Override
    public double getQueueWaitP50Millis() {
        return counters.queueWait.percentileMillis(50);
    }

    @Override
    public double getQueueWaitP99Millis() {
        return counters.queueWait.percentileMillis(99);
    }

    @Override
    public double getHttpP50Millis() {
        return counters.http.percentileMillis(50);
    }

    @Override
    public double getHttpP99Millis() {
        return counters.http.percentileMillis(99);
    }

    @Override
    public double getMarkDeliveredP50Millis() {
        return counters.markDelivered.percentileMillis(50);
    }

    @Override
    public double getMarkDeliveredP99Millis() {
        return counters.markDelivered.percentileMillis(99);
    }

    @Override
    public double getQueuedToDeliveredP50Millis() {
        return counters.queuedToDelivered.percentileMillis(50);
    }

    @Override
    public double getQueuedToDeliveredP99Millis() {
        return counters.queuedToDelivered.percentileMillis(99);
    }

    @Override
    public void close() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            log.debug("relay metrics already unregistered: {}", e.toString());
        }
    }
}
