package com.ordercontrol.relay.counters;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals and stage timings of one relay process since it started, so that every delivery,
 * park, retry, alarm, back-pressure wait and reconciled event is counted and visible (JMX and the
 * log). The lowest type of the relay: every feature writes here, nothing here knows the features.
 */
public final class RelayCounters {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong transientFailures = new AtomicLong();
    private final AtomicLong retryAfterHonoured = new AtomicLong();
    private final AtomicLong configFaults = new AtomicLong();
    private final AtomicLong unconfirmed = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong becameStuck = new AtomicLong();
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong reconciled = new AtomicLong();
    private final AtomicLong backPressureWaits = new AtomicLong();
    private final AtomicLong healthReports = new AtomicLong();
    private final AtomicLong healthReportFailures = new AtomicLong();
    private final AtomicBoolean backPressure = new AtomicBoolean();
    private final AtomicBoolean configFault = new AtomicBoolean();
    private volatile long clockSkewMillis;
    private volatile boolean clockSkewKnown;

    /** WAL commit → event committed into the queue. */
    public final LatencyWindow capture = new LatencyWindow();
    /** Queued → its request started (waiting behind others, for the worker, for a retry). */
    public final LatencyWindow queueWait = new LatencyWindow();
    /** Reading the next events to send from the queue (per request). */
    public final LatencyWindow headRead = new LatencyWindow();
    /** One POST: signing, sending, the cloud's answer (per request). */
    public final LatencyWindow http = new LatencyWindow();
    /** The local commit that deletes delivered events from the queue (per request). */
    public final LatencyWindow markDelivered = new LatencyWindow();
    /** Queued → deleted as delivered (per event). */
    public final LatencyWindow queuedToDelivered = new LatencyWindow();

    public void delivered(int n) {
        delivered.addAndGet(n);
    }

    /** One POST sent (a single event or a batch). */
    public void request() {
        requests.incrementAndGet();
    }

    public void transientFailure() {
        transientFailures.incrementAndGet();
    }

    public void retryAfterHonoured() {
        retryAfterHonoured.incrementAndGet();
    }

    /** A 401/403/404/410: the node's or the cloud's configuration is wrong; retried, alarmed. */
    public void configFault() {
        configFaults.incrementAndGet();
        configFault.set(true);
    }

    /** The cloud accepted something again: the configuration alarm is over. */
    public void configFaultCleared() {
        configFault.set(false);
    }

    /** A 2xx that did not name the events sent (a captive portal or proxy): not counted as delivered. */
    public void unconfirmed() {
        unconfirmed.incrementAndGet();
    }

    public void parked(int n) {
        parked.addAndGet(n);
    }

    public void becameStuck() {
        becameStuck.incrementAndGet();
    }

    public void captured(int n) {
        captured.addAndGet(n);
    }

    public void reconciled(int n) {
        reconciled.addAndGet(n);
    }

    /** A node health report the cloud accepted. */
    public void healthReported() {
        healthReports.incrementAndGet();
    }

    /** A node health report the cloud did not accept (or did not answer); it is not retried early. */
    public void healthReportFailed() {
        healthReportFailures.incrementAndGet();
    }

    public long healthReportsTotal() {
        return healthReports.get();
    }

    public long healthReportFailuresTotal() {
        return healthReportFailures.get();
    }

    /** NUC clock minus the cloud's {@code Date}, from the last answer. */
    public void clockSkew(long millis) {
        clockSkewMillis = millis;
        clockSkewKnown = true;
    }

    /** The WAL reader started waiting because the queue is full. */
    public void backPressureOn() {
        if (backPressure.compareAndSet(false, true)) {
            backPressureWaits.incrementAndGet();
        }
    }

    public void backPressureOff() {
        backPressure.set(false);
    }

    public boolean backPressure() {
        return backPressure.get();
    }

    public boolean configFaultNow() {
        return configFault.get();
    }

    public long deliveredTotal() {
        return delivered.get();
    }

    public long requestsTotal() {
        return requests.get();
    }

    public long transientFailuresTotal() {
        return transientFailures.get();
    }

    public long retryAfterHonouredTotal() {
        return retryAfterHonoured.get();
    }

    public long configFaultsTotal() {
        return configFaults.get();
    }

    public long unconfirmedTotal() {
        return unconfirmed.get();
    }

    public long parkedTotal() {
        return parked.get();
    }

    public long becameStuckTotal() {
        return becameStuck.get();
    }

    public long capturedTotal() {
        return captured.get();
    }

    public long reconciledTotal() {
        return reconciled.get();
    }

    public long backPressureWaitsTotal() {
        return backPressureWaits.get();
    }

    /** NUC minus cloud in milliseconds (positive: the NUC is ahead), or {@code Long.MIN_VALUE} before any answer. */
    public long clockSkewMillis() {
        return clockSkewKnown ? clockSkewMillis : Long.MIN_VALUE;
    }
}
