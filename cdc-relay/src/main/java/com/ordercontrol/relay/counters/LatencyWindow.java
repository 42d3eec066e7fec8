package com.ordercontrol.relay.counters;

import java.util.Arrays;

/**
 * The last {@value #SIZE} durations of one delivery stage, in microseconds, for p50/p99 on JMX and in
 * the relay's periodic log line. A ring buffer: recording is cheap and memory is fixed.
 */
public final class LatencyWindow {

    static final int SIZE = 2048;

    private final long[] micros = new long[SIZE];
    private long recorded;

    /** Records one duration; negative values (clocks of two hosts) count as 0. */
    public synchronized void record(long durationMicros) {
        micros[(int) (recorded++ % SIZE)] = Math.max(0, durationMicros);
    }

    /** Records the same duration for {@code n} events (one batch). */
    public synchronized void record(long durationMicros, int n) {
        for (int i = 0; i < n; i++) {
            micros[(int) (recorded++ % SIZE)] = Math.max(0, durationMicros);
        }
    }

    /** The given percentile (0–100) of the window in milliseconds, or -1 when nothing was recorded. */
    public double percentileMillis(double percentile) {
        long[] copy;
        synchronized (this) {
            if (recorded == 0) {
                return -1;
            }
            copy = Arrays.copyOf(micros, (int) Math.min(recorded, SIZE));
        }
        Arrays.sort(copy);
        int index = (int) Math.min(copy.length - 1, Math.max(0, Math.ceil(percentile / 100.0 * copy.length) - 1));
        return copy[index] / 1000.0;
    }

    /** How many durations were ever recorded. */
    public synchronized long count() {
        return recorded;
    }

    /** {@code p50 1.2 ms, p99 3.4 ms} for logs. */
    public String summary() {
        if (count() == 0) {
            return "no samples";
        }
        return String.format("p50 %.1f ms, p99 %.1f ms", percentileMillis(50), percentileMillis(99));
    }
}
