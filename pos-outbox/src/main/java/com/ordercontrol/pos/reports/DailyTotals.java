package com.ordercontrol.pos.reports;

import java.util.List;

/**
 * The POS's own totals for one venue and business day, in the same shape as the cloud's report so the
 * two can be compared field by field. Money is never summed across currencies: one block per currency,
 * named, amounts as decimal strings at the currency's scale. Only the counts are over all currencies.
 *
 * @param paymentCount payments that day, all currencies
 * @param orderCount   distinct paid orders with a payment that day, all currencies
 * @param currencies   one block per currency with payments that day, sorted by code
 */
public record DailyTotals(String venueId, String date, String timeZone, long paymentCount, long orderCount,
                          List<CurrencyTotals> currencies) {

    /**
     * The figures of one currency.
     *
     * @param grossSales     sum of the payments' amounts
     * @param tips           sum of the payments' tips
     * @param totalCollected gross sales plus tips
     * @param byMethod       the same figures per payment method, sorted by method
     */
    public record CurrencyTotals(String currency, long paymentCount, long orderCount, String grossSales, String tips,
                                 String totalCollected, List<MethodTotals> byMethod) {
    }

    /**
     * The figures of one payment method within one currency.
     */
    public record MethodTotals(String method, long paymentCount, String grossSales, String tips,
                               String totalCollected) {
    }
}
