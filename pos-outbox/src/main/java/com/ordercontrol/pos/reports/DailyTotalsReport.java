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
 * {@code [start of day, start of next day)} in the venue's time zone (23 or 25 hours across DST).
 */
@Component
public class DailyTotalsReport {

    // One pass: the grouping set () gives the day's totals (method null), (method) the breakdown.
    static final String SQL_QUERY_TOTALS = """
            select p.method,
                   count(*)                   as payment_count,
                   count(distinct p.order_id) as order_count,
                   coalesce(sum(p.amount), 0) as gross_sales,
                   coalesce(sum(p.tip), 0)    as tips
            from payments p
            join orders o on o.order_id = p.order_id
            where o.venue_id = :venueId
              and o.status = 'paid'
              and p.paid_at >= :from and p.paid_at < :until
            group by grouping sets ((p.method), ())
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
        Row day = new Row(null, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
        List<DailyTotals.MethodTotals> byMethod = new ArrayList<>();
        for (Row row : rows) {
            if (row.method() == null) {
                day = row;
            } else {
                byMethod.add(new DailyTotals.MethodTotals(row.method(), row.paymentCount(),
                        Amounts.reportText(row.gross()), Amounts.reportText(row.tips()),
                        Amounts.reportText(row.gross().add(row.tips()))));
            }
        }
        // Sorted here, not by SQL: String order is the same on every machine, a collation is not.
        byMethod.sort(Comparator.comparing(DailyTotals.MethodTotals::method));
        return new DailyTotals(venueId, date.toString(), zone.getId(), day.paymentCount(), day.orderCount(),
                Amounts.reportText(day.gross()), Amounts.reportText(day.tips()),
                Amounts.reportText(day.gross().add(day.tips())), List.copyOf(byMethod));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("method"), rs.getLong("payment_count"), rs.getLong("order_count"),
                rs.getBigDecimal("gross_sales"), rs.getBigDecimal("tips"));
    }

    private record Row(String method, long paymentCount, long orderCount, BigDecimal gross, BigDecimal tips) {
    }
}
