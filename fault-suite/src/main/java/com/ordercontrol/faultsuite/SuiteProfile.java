package com.ordercontrol.faultsuite;

import java.time.Duration;

/**
 * How hard one run of the fault suite pushes.
 *
 * @param name             for the summary
 * @param venues           venue boxes (each: its own PostgreSQL, POS API, relay and link to the cloud)
 * @param minTrafficTime   traffic runs at least this long
 * @param minFaults        and until at least this many faults were injected
 * @param minOrders        and until at least this many orders were paid
 * @param ordersPerSecond  target pay rate per venue
 * @param faultEvery       mean time between the end of one fault and the start of the next
 * @param cloudPause       how long a cloud pause lasts (longer than several relay backoff steps)
 * @param settleLimit      how long the system may take to settle after the traffic stops
 * @param seed             for the random choices, so a failing run can be repeated
 */
public record SuiteProfile(String name, int venues, Duration minTrafficTime, int minFaults, int minOrders,
                           int ordersPerSecond, Duration faultEvery, Duration cloudPause, Duration settleLimit,
                           long seed) {

    /** The profile CI runs: a few minutes, at least 20 faults. */
    public static SuiteProfile quick(long seed) {
        return new SuiteProfile("quick", 3, Duration.ofSeconds(100), 20, 0, 4, Duration.ofSeconds(2),
                Duration.ofSeconds(12), Duration.ofMinutes(4), seed);
    }

    /** The long soak: at least 100 faults and 20,000 orders. */
    public static SuiteProfile soak(long seed) {
        return new SuiteProfile("soak", 3, Duration.ofMinutes(10), 100, 20_000, 10, Duration.ofSeconds(4),
                Duration.ofSeconds(20), Duration.ofMinutes(8), seed);
    }

    public static SuiteProfile named(String name, long seed) {
        return switch (name) {
            case "quick" -> quick(seed);
            case "soak" -> soak(seed);
            default -> throw new IllegalArgumentException("unknown profile '" + name + "' (quick or soak)");
        };
    }
}
