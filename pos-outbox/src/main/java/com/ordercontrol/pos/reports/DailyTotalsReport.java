package com.ordercontrol.pos.reports;

import com.ordercontrol.pos.money.Amounts;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sums a venue's payments and refunds over one business day: those whose {@code paid_at} (or
 * {@code refunded_at}) falls in {@code [start of day, start of next day)} in the venue's time zone (23 or
 * 25 hours across DST), per currency (never across currencies). A refund counts on its own day, under its
 * payment's method.
 */
@Component
public class DailyTotalsReport {

    // Payments (by paid_at) and refunds (by refunded_at, under their payment's currency and method) of the
    // period as one list of items; one pass of grouping sets gives the day's counts, each currency's
    // totals and the (currency, method) breakdown.
    static final String SQL_QUERY_TOTALS = """
            with items as (
              select o.currency, p.method, p.order_id, 1 as payment, 0 as refund,
                     p.amount as gross, 0::numeric as refunded, p.tip
              from payments p
              join orders o on o.order_id = p.order_id
              where o.venue_id = :venueId
                and o.status = 'paid'
                and p.paid_at >= :from and p.paid_at < :until
              union all
              select o.currency, p.method, null::uuid, 0, 1, 0::numeric, r.amount, 0::numeric
              from refunds r
              join payments p on p.payment_id = r.payment_id
              join orders o on o.order_id = p.order_id
              where o.venue_id = :venueId
                and r.refunded_at >= :from and r.refunded_at < :until
            )
            select currency,
                   method,
                   coalesce(sum(payment), 0)  as payment_count,
                   coalesce(sum(refund), 0)   as refund_count,
                   count(distinct order_id)   as order_count,
                   coalesce(sum(gross), 0)    as gross_sales,
                   coalesce(sum(refunded), 0) as refunds,
                   coalesce(sum(tip), 0)      as tips,
                   grouping(currency)         as all_currencies,
                   grouping(method)           as all_methods
            from items
            group by grouping sets ((currency, method), (currency), ())
            """;

    private final JdbcClient jdbc;

    DailyTotalsReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DailyTotals totals(String venueId, LocalDate date, ZoneId zone) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant until = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Row> rows = jdbc.sql(SQL_QUERY_TOTALS)
                .param("venueId", venueId)
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
                .query(DailyTotalsReport::row)
                .list();
        long paymentCount = 0;
        long refundCount = 0;
        long orderCount = 0;
        List<DailyTotals.CurrencyTotals> currencies = new ArrayList<>();
        for (Row row : rows) {
            if (row.allCurrencies()) {
                paymentCount = row.paymentCount();
                refundCount = row.refundCount();
                orderCount = row.orderCount();
            }
        }
        // Sorted here, not by SQL: String order is the same on every machine, a collation is not.
        for (Row c : rows.stream().filter(r -> !r.allCurrencies() && r.allMethods())
                .sorted(Comparator.comparing(Row::currency)).toList()) {
            List<DailyTotals.MethodTotals> byMethod = rows.stream()
                    .filter(r -> !r.allMethods() && c.currency().equals(r.currency()))
                    .sorted(Comparator.comparing(Row::method))
                    .map(r -> new DailyTotals.MethodTotals(r.method(), r.paymentCount(), r.refundCount(),
                            text(r.gross(), c.currency()), text(r.refunds(), c.currency()),
                            text(r.net(), c.currency()), text(r.tips(), c.currency()),
                            text(r.net().add(r.tips()), c.currency())))
                    .toList();
            currencies.add(new DailyTotals.CurrencyTotals(c.currency(), c.paymentCount(), c.refundCount(),
                    c.orderCount(), text(c.gross(), c.currency()), text(c.refunds(), c.currency()),
                    text(c.net(), c.currency()), text(c.tips(), c.currency()),
                    text(c.net().add(c.tips()), c.currency()), byMethod));
        }
        return new DailyTotals(venueId, date.toString(), zone.getId(), paymentCount, refundCount, orderCount,
                List.copyOf(currencies));
    }

    private static String text(BigDecimal amount, String currency) {
        return Amounts.atCurrencyScale(amount, currency).toPlainString();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        return new Row(currency == null ? null : currency.trim(), rs.getString("method"), rs.getLong("payment_count"),
                rs.getLong("refund_count"), rs.getLong("order_count"), rs.getBigDecimal("gross_sales"),
                rs.getBigDecimal("refunds"), rs.getBigDecimal("tips"), rs.getInt("all_currencies") == 1,
                rs.getInt("all_methods") == 1);
    }

    private record Row(String currency, String method, long paymentCount, long refundCount, long orderCount,
                       BigDecimal gross, BigDecimal refunds, BigDecimal tips, boolean allCurrencies,
                       boolean allMethods) {

        BigDecimal net() {
            return gross.subtract(refunds);
        }
    }
}
