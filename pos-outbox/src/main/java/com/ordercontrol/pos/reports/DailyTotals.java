package com.ordercontrol.pos.reports;

import java.util.List;

/**
 * The POS's own totals for one venue and business day, in the same shape as the cloud's report so the
 * two can be compared field by field. Amounts are decimal strings with exactly 2 decimal places.
 *
 * @param orderCount     distinct paid orders with a payment that day
 * @param grossSales     sum of the payments' amounts
 * @param tips           sum of the payments' tips
 * @param totalCollected gross sales plus tips
 * @param byMethod       the same figures per payment method, sorted by method
 */
public record DailyTotals(String venueId, String date, String timeZone, long paymentCount, long orderCount,
                          String grossSales, String tips, String totalCollected, List<MethodTotals> byMethod) {

    /**
     * The figures of one payment method.
     */
    public record MethodTotals(String method, long paymentCount, String grossSales, String tips,
                               String totalCollected) {
    }
}
