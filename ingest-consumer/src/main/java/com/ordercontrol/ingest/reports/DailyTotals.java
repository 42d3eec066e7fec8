package com.ordercontrol.ingest.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Finance's totals of one venue over whole business days {@code from..to} (inclusive) in the venue's
 * zone. Amounts are exact, at the currency's scale.
 *
 * @param orderCount     distinct orders with a payment in the period
 * @param grossSales     sum of payment amounts
 * @param tips           sum of tips
 * @param totalCollected gross sales plus tips
 * @param byMethod       the same per payment method, sorted by method
 */
public record DailyTotals(String venueId, LocalDate from, LocalDate to, ZoneId zone, long paymentCount,
        long orderCount, BigDecimal grossSales, BigDecimal tips, BigDecimal totalCollected,
        List<MethodTotals> byMethod) {

    public DailyTotals {
        byMethod = List.copyOf(byMethod);
    }

    /** Totals of one payment method. */
    public record MethodTotals(String method, long paymentCount, BigDecimal grossSales, BigDecimal tips,
            BigDecimal totalCollected) {
    }
}
