package com.ordercontrol.ingest.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Finance's totals of one venue over whole business days {@code from..to} (inclusive) in the venue's
 * zone. Money is never summed across currencies: each currency has its own block, named, with amounts
 * exact at that currency's scale. Only the counts are over all currencies. A refund counts on the
 * business day of its {@code refundedAt}, under its payment's currency and method.
 *
 * @param paymentCount payments in the period, all currencies
 * @param refundCount  refunds in the period, all currencies
 * @param orderCount   distinct orders with a payment in the period, all currencies
 * @param currencies   one block per currency that has a payment or a refund in the period, sorted by code
 */
public record DailyTotals(String venueId, LocalDate from, LocalDate to, ZoneId zone, long paymentCount,
        long refundCount, long orderCount, List<CurrencyTotals> currencies) {

    public DailyTotals {
        currencies = List.copyOf(currencies);
    }

    /**
     * Totals of one currency.
     *
     * @param currency       ISO-4217 code
     * @param grossSales     sum of payment amounts
     * @param refunds        sum of refund amounts
     * @param netSales       gross sales minus refunds
     * @param tips           sum of tips (a refund never returns a tip)
     * @param totalCollected net sales plus tips
     * @param byMethod       the same per payment method, sorted by method
     */
    public record CurrencyTotals(String currency, long paymentCount, long refundCount, long orderCount,
            BigDecimal grossSales, BigDecimal refunds, BigDecimal netSales, BigDecimal tips,
            BigDecimal totalCollected, List<MethodTotals> byMethod) {

        public CurrencyTotals {
            byMethod = List.copyOf(byMethod);
        }
    }

    /** Totals of one payment method within one currency. */
    public record MethodTotals(String method, long paymentCount, long refundCount, BigDecimal grossSales,
            BigDecimal refunds, BigDecimal netSales, BigDecimal tips, BigDecimal totalCollected) {
    }
}
