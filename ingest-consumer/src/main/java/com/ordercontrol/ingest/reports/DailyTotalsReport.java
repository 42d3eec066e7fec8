package com.ordercontrol.ingest.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Computes {@link DailyTotals} from {@code payment_facts} and {@code refund_facts}. A business day is
 * {@code [date 00:00, date+1 00:00)} in the venue's zone, so a payment or a refund at 23:30 in Los Angeles
 * counts on that local day even though it is the next day in UTC. Amounts are summed per currency, never
 * across currencies. Works on any schema holding the fact tables (the live one, or a replay's fresh
 * schema).
 */
public class DailyTotalsReport {

    // Payments (by paid_at) and refunds (by refunded_at, under their payment's currency and method) as one
    // list of items; grouping sets in one scan: per currency and method, per currency, and the counts over
    // everything.
    private static final String TOTALS = """
            with items as (
              select currency, method, order_id, 1 as payment, 0 as refund, amount as gross,
                     0::numeric as refunded, tip
              from payment_facts
              where venue_id = ? and paid_at >= ? and paid_at < ?
              union all
              select currency, method, null, 0, 1, 0::numeric, amount, 0::numeric
              from refund_facts
              where venue_id = ? and refunded_at >= ? and refunded_at < ?
            )
            select currency, method, coalesce(sum(payment), 0) as payments, coalesce(sum(refund), 0) as refunds,
                   count(distinct order_id) as orders, coalesce(sum(gross), 0) as gross,
                   coalesce(sum(refunded), 0) as refunded, coalesce(sum(tip), 0) as tips,
                   grouping(currency) as all_currencies, grouping(method) as all_methods
            from items
            group by grouping sets ((currency, method), (currency), ())""";

    private final JdbcTemplate jdbc;

    public DailyTotalsReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Totals for {@code from..to} inclusive, business days in {@code zone}. */
    public DailyTotals totals(String venueId, LocalDate from, LocalDate to, ZoneId zone) {
        Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
        List<Row> rows = jdbc.query(TOTALS, (rs, i) -> new Row(
                rs.getString("currency") == null ? null : rs.getString("currency").trim(), rs.getString("method"),
                rs.getLong("payments"), rs.getLong("refunds"), rs.getLong("orders"), rs.getBigDecimal("gross"),
                rs.getBigDecimal("refunded"), rs.getBigDecimal("tips"), rs.getInt("all_currencies") == 1,
                rs.getInt("all_methods") == 1), venueId, start, end, venueId, start, end);
        long payments = 0;
        long refunds = 0;
        long orders = 0;
        List<DailyTotals.CurrencyTotals> currencies = new ArrayList<>();
        for (Row all : rows.stream().filter(r -> r.allCurrencies).toList()) {
            payments = all.payments;
            refunds = all.refunds;
            orders = all.orders;
        }
        for (Row currency : rows.stream().filter(r -> !r.allCurrencies && r.allMethods)
                .sorted(Comparator.comparing(Row::currency)).toList()) {
            int scale = Currency.getInstance(currency.currency).getDefaultFractionDigits();
            List<DailyTotals.MethodTotals> byMethod = rows.stream()
                    .filter(r -> !r.allMethods && currency.currency.equals(r.currency))
                    .sorted(Comparator.comparing(Row::method))
                    .map(r -> new DailyTotals.MethodTotals(r.method, r.payments, r.refunds, exact(r.gross, scale),
                            exact(r.refunded, scale), exact(r.net(), scale), exact(r.tips, scale),
                            exact(r.net().add(r.tips), scale)))
                    .toList();
            currencies.add(new DailyTotals.CurrencyTotals(currency.currency, currency.payments, currency.refunds,
                    currency.orders, exact(currency.gross, scale), exact(currency.refunded, scale),
                    exact(currency.net(), scale), exact(currency.tips, scale),
                    exact(currency.net().add(currency.tips), scale), byMethod));
        }
        return new DailyTotals(venueId, from, to, zone, payments, refunds, orders, currencies);
    }

    private static BigDecimal exact(BigDecimal value, int scale) {
        // Facts were validated to the currency's scale, so this never rounds; UNNECESSARY proves it.
        return value.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private record Row(String currency, String method, long payments, long refunds, long orders, BigDecimal gross,
            BigDecimal refunded, BigDecimal tips, boolean allCurrencies, boolean allMethods) {

        BigDecimal net() {
            return gross.subtract(refunded);
        }
    }
}
