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
 * Sums a venue's payments over one business day: the payments whose {@code paid_at} falls in
 * {@code [start of day, start of next day)} in the venue's time zone (23 or 25 hours across DST),
 * per currency (never across currencies).
 */
@Component
public class DailyTotalsReport {

    // One pass: () gives the day's counts, (currency) each currency's totals, (currency, method) the breakdown.
    static final String SQL_QUERY_TOTALS = """
            select o.currency,
                   p.method,
                   count(*)                   as payment_count,
                   count(distinct p.order_id) as order_count,
                   coalesce(sum(p.amount), 0) as gross_sales,
                   coalesce(sum(p.tip), 0)    as tips,
                   grouping(o.currency)       as all_currencies,
                   grouping(p.method)         as all_methods
            from payments p
            join orders o on o.order_id = p.order_id
            where o.venue_id = :venueId
              and o.status = 'paid'
              and p.paid_at >= :from and p.paid_at < :until
            group by grouping sets ((o.currency, p.method), (o.currency), ())
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
        long orderCount = 0;
        List<DailyTotals.CurrencyTotals> currencies = new ArrayList<>();
        for (Row row : rows) {
            if (row.allCurrencies()) {
                paymentCount = row.paymentCount();
                orderCount = row.orderCount();
            }
        }
        // Sorted here, not by SQL: String order is the same on every machine, a collation is not.
        for (Row c : rows.stream().filter(r -> !r.allCurrencies() && r.allMethods())
                .sorted(Comparator.comparing(Row::currency)).toList()) {
            List<DailyTotals.MethodTotals> byMethod = rows.stream()
                    .filter(r -> !r.allMethods() && c.currency().equals(r.currency()))
                    .sorted(Comparator.comparing(Row::method))
                    .map(r -> new DailyTotals.MethodTotals(r.method(), r.paymentCount(), text(r.gross(), c.currency()),
                            text(r.tips(), c.currency()), text(r.gross().add(r.tips()), c.currency())))
                    .toList();
            currencies.add(new DailyTotals.CurrencyTotals(c.currency(), c.paymentCount(), c.orderCount(),
                    text(c.gross(), c.currency()), text(c.tips(), c.currency()),
                    text(c.gross().add(c.tips()), c.currency()), byMethod));
        }
        return new DailyTotals(venueId, date.toString(), zone.getId(), paymentCount, orderCount,
                List.copyOf(currencies));
    }

    private static String text(BigDecimal amount, String currency) {
        return Amounts.atCurrencyScale(amount, currency).toPlainString();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        return new Row(currency == null ? null : currency.trim(), rs.getString("method"), rs.getLong("payment_count"),
                rs.getLong("order_count"), rs.getBigDecimal("gross_sales"), rs.getBigDecimal("tips"),
                rs.getInt("all_currencies") == 1, rs.getInt("all_methods") == 1);
    }

    private record Row(String currency, String method, long paymentCount, long orderCount, BigDecimal gross,
                       BigDecimal tips, boolean allCurrencies, boolean allMethods) {
    }
}
