package com.ordercontrol.pos.reports;

import java.util.List;

/**
 * The POS's own totals for one venue and business day, in the same shape as the cloud's report so the
 * two can be compared field by field. Money is never summed across currencies: one block per currency,
 * named, amounts as decimal strings at the currency's scale. Only the counts are over all currencies.
 *
 * @param paymentCount payments that day, all currencies
 * @param refundCount  refunds that day (by their refundedAt), all currencies
 * @param orderCount   distinct paid orders with a payment that day, all currencies
 * @param currencies   one block per currency with a payment or a refund that day, sorted by code
 */
public record DailyTotals(String venueId, String date, String timeZone, long paymentCount, long refundCount,
                          long orderCount, List<CurrencyTotals> currencies) {

    /**
     * The figures of one currency.
     *
     * @param grossSales     sum of the payments' amounts
     * @param refunds        sum of the refunds' amounts that day (whatever day their payment was)
     * @param netSales       gross sales minus refunds
     * @param tips           sum of the payments' tips (refunds never return tips)
     * @param totalCollected net sales plus tips
     * @param byMethod       the same figures per payment method (a refund counts under its payment's), sorted
     */
    public record CurrencyTotals(String currency, long paymentCount, long refundCount, long orderCount,
                                 String grossSales, String refunds, String netSales, String tips,
                                 String totalCollected, List<MethodTotals> byMethod) {
    }

    /**
     * The figures of one payment method within one currency.
     */
    public record MethodTotals(String method, long paymentCount, long refundCount, String grossSales, String refunds,
                               String netSales, String tips, String totalCollected) {
    }
}
