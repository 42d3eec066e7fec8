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
 * Computes {@link DailyTotals} from {@code payment_facts}. A business day is
 * {@code [date 00:00, date+1 00:00)} in the venue's zone, so a payment at 23:30 in Los Angeles counts
 * on that local day even though it is the next day in UTC. Works on any schema holding the fact
 * tables (the live one, or a replay's fresh schema).
 */
public class DailyTotalsReport {

    private static final int DEFAULT_SCALE = 2;

    // grouping sets: one row per method plus one grand-total row (method null) in one scan.
    private static final String TOTALS = """
            select method, count(*) as payments, count(distinct order_id) as orders,
                   coalesce(sum(amount), 0) as gross, coalesce(sum(tip), 0) as tips,
                   min(currency) as min_currency, max(currency) as max_currency
            from payment_facts
            where venue_id = ? and paid_at >= ? and paid_at < ?
            group by grouping sets ((method), ())""";

    private final JdbcTemplate jdbc;

    public DailyTotalsReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Totals for {@code from..to} inclusive, business days in {@code zone}. */
    public DailyTotals totals(String venueId, LocalDate from, LocalDate to, ZoneId zone) {
        Timestamp start = Timestamp.from(from.atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
        List<Row> rows = jdbc.query(TOTALS, (rs, i) -> new Row(rs.getString("method"), rs.getLong("payments"),
                rs.getLong("orders"), rs.getBigDecimal("gross"), rs.getBigDecimal("tips"),
                rs.getString("min_currency"), rs.getString("max_currency")), venueId, start, end);
        int scale = scale(rows);
        Row total = rows.stream().filter(r -> r.method == null).findFirst()
                .orElse(new Row(null, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, null, null));
        List<DailyTotals.MethodTotals> byMethod = new ArrayList<>();
        rows.stream().filter(r -> r.method != null).sorted(Comparator.comparing(Row::method))
                .forEach(r -> byMethod.add(new DailyTotals.MethodTotals(r.method, r.payments, exact(r.gross, scale),
                        exact(r.tips, scale), exact(r.gross.add(r.tips), scale))));
        return new DailyTotals(venueId, from, to, zone, total.payments, total.orders, exact(total.gross, scale),
                exact(total.tips, scale), exact(total.gross.add(total.tips), scale), byMethod);
    }

    /** The currency's minor digits; a venue's facts are in one currency, two digits when there are none. */
    private static int scale(List<Row> rows) {
        int scale = -1;
        for (Row r : rows) {
            for (String code : new String[] {r.minCurrency, r.maxCurrency}) {
                if (code != null) {
                    scale = Math.max(scale, Currency.getInstance(code.trim()).getDefaultFractionDigits());
                }
            }
        }
        return scale < 0 ? DEFAULT_SCALE : scale;
    }

    private static BigDecimal exact(BigDecimal value, int scale) {
        // Facts were validated to the currency's scale, so this never rounds; UNNECESSARY proves it.
        return value.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private record Row(String method, long payments, long orders, BigDecimal gross, BigDecimal tips,
            String minCurrency, String maxCurrency) {
    }
}
