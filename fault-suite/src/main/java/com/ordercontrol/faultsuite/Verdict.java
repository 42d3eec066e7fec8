package com.ordercontrol.faultsuite;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares, after the system settled, every venue's own payments and refunds with the cloud's facts one
 * to one, and every business day's counts and totals (gross, refunds, tips) to the cent; checks that
 * nothing from a bad request was stored and that the relay queues stayed within their cap.
 */
final class Verdict {

    /** One payment as a side recorded it. */
    record Payment(BigDecimal amount, BigDecimal tip, String method, LocalDate day) {
    }

    /** One refund as a side recorded it (the method is its payment's). */
    record Refund(BigDecimal amount, String method, LocalDate day) {
    }

    /** Counts and sums of one venue's business day. */
    record DayTotals(int count, BigDecimal gross, BigDecimal tips, int refundCount, BigDecimal refunds) {

        static final DayTotals ZERO = new DayTotals(0, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO);

        DayTotals plus(DayTotals o) {
            return new DayTotals(count + o.count, gross.add(o.gross), tips.add(o.tips), refundCount + o.refundCount,
                    refunds.add(o.refunds));
        }

        boolean sameAs(DayTotals o) {
            return o != null && count == o.count && gross.compareTo(o.gross) == 0 && tips.compareTo(o.tips) == 0
                    && refundCount == o.refundCount && refunds.compareTo(o.refunds) == 0;
        }
    }

    /**
     * What the verdict found for one venue; the refund figures are the same checks as the payment ones
     * ({@code refundsLost}: in the POS, not a fact; {@code refundsExtra}: a fact the POS does not have).
     */
    record VenueResult(String venueId, int posPayments, int facts, int lost, int extra, int wrongAmount,
                       int extraEvents, int ackedNotInPos, int parked, int daysCompared, int daysDiffering,
                       int maxQueueDepth, int queueCap, int posRefunds, int refundFacts, int refundsLost,
                       int refundsExtra, int refundsWrong, int ackedRefundsNotInPos) {

        boolean ok() {
            return lost == 0 && extra == 0 && wrongAmount == 0 && extraEvents == 0 && ackedNotInPos == 0
                    && parked == 0 && daysDiffering == 0 && maxQueueDepth <= queueCap && refundsLost == 0
                    && refundsExtra == 0 && refundsWrong == 0 && ackedRefundsNotInPos == 0;
        }
    }

    private Verdict() {
    }

    static VenueResult judge(VenueBox venue, CloudSide cloud, Set<String> acknowledged,
                             Set<String> acknowledgedRefunds, Set<String> corpusEventIds, int maxQueueDepth)
            throws SQLException {
        Map<String, Payment> pos = new HashMap<>();
        Map<String, Refund> posRefunds = new HashMap<>();
        Set<String> outboxEvents = new HashSet<>();
        int parked;
        try (Connection c = venue.connect()) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from cloud_event_queue where status = 'parked'")) {
                rs.next();
                parked = rs.getInt(1);
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select payment_id::text, amount, tip, method, paid_at from payments")) {
                while (rs.next()) {
                    pos.put(rs.getString(1), new Payment(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant().atZone(ZoneOffset.UTC).toLocalDate()));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select r.refund_id::text, r.amount, p.method, r.refunded_at
                    from refunds r join payments p on p.payment_id = r.payment_id""")) {
                while (rs.next()) {
                    posRefunds.put(rs.getString(1), new Refund(rs.getBigDecimal(2), rs.getString(3), utcDay(rs, 4)));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("select event_id::text from outbox_event")) {
                while (rs.next()) {
                    outboxEvents.add(rs.getString(1));
                }
            }
        }
        Map<String, Payment> facts = new HashMap<>();
        Map<String, Refund> refundFacts = new HashMap<>();
        Set<String> cloudEvents = new HashSet<>();
        try (Connection c = cloud.connect()) {
            try (PreparedStatement s = c.prepareStatement(
                    "select payment_id, amount, tip, method, paid_at from payment_facts where venue_id = ?")) {
                s.setString(1, venue.venueId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        facts.put(rs.getString(1), new Payment(rs.getBigDecimal(2), rs.getBigDecimal(3),
                                rs.getString(4), rs.getTimestamp(5).toInstant().atZone(ZoneOffset.UTC).toLocalDate()));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "select refund_id, amount, method, refunded_at from refund_facts where venue_id = ?")) {
                s.setString(1, venue.venueId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        refundFacts.put(rs.getString(1), new Refund(rs.getBigDecimal(2), rs.getString(3), utcDay(rs, 4)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select event_id from events where venue_id = ?")) {
                s.setString(1, venue.venueId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        cloudEvents.add(rs.getString(1));
                    }
                }
            }
        }
        int lost = 0;
        int wrong = 0;
        for (Map.Entry<String, Payment> p : pos.entrySet()) {
            Payment f = facts.get(p.getKey());
            if (f == null) {
                lost++;
            } else if (f.amount().compareTo(p.getValue().amount()) != 0 || f.tip().compareTo(p.getValue().tip()) != 0
                    || !f.method().equals(p.getValue().method())) {
                wrong++;
            }
        }
        int extra = (int) facts.keySet().stream().filter(id -> !pos.containsKey(id)).count();
        int extraEvents = (int) cloudEvents.stream()
                .filter(id -> !outboxEvents.contains(id) && !corpusEventIds.contains(id)).count();
        int ackedNotInPos = (int) acknowledged.stream().filter(id -> !pos.containsKey(id)).count();
        int refundsLost = 0;
        int refundsWrong = 0;
        for (Map.Entry<String, Refund> r : posRefunds.entrySet()) {
            Refund f = refundFacts.get(r.getKey());
            if (f == null) {
                refundsLost++;
            } else if (f.amount().compareTo(r.getValue().amount()) != 0 || !f.method().equals(r.getValue().method())) {
                refundsWrong++;
            }
        }
        int refundsExtra = (int) refundFacts.keySet().stream().filter(id -> !posRefunds.containsKey(id)).count();
        int ackedRefundsNotInPos = (int) acknowledgedRefunds.stream().filter(id -> !posRefunds.containsKey(id)).count();
        Map<LocalDate, DayTotals> posDays = days(pos.values(), posRefunds.values());
        Map<LocalDate, DayTotals> cloudDays = days(facts.values(), refundFacts.values());
        Set<LocalDate> allDays = new HashSet<>(posDays.keySet());
        allDays.addAll(cloudDays.keySet());
        int differing = (int) allDays.stream().filter(d -> !posDays.getOrDefault(d, DayTotals.ZERO)
                .sameAs(cloudDays.get(d))).count();
        return new VenueResult(venue.venueId, pos.size(), facts.size(), lost, extra, wrong, extraEvents, ackedNotInPos,
                parked, allDays.size(), differing, maxQueueDepth, venue.queueCap, posRefunds.size(),
                refundFacts.size(), refundsLost, refundsExtra, refundsWrong, ackedRefundsNotInPos);
    }

    private static LocalDate utcDay(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Each business day's payments and refunds (a refund on the day of its refundedAt). */
    private static Map<LocalDate, DayTotals> days(Iterable<Payment> payments, Iterable<Refund> refunds) {
        Map<LocalDate, DayTotals> days = new TreeMap<>();
        for (Payment p : payments) {
            days.merge(p.day(), new DayTotals(1, p.amount(), p.tip(), 0, BigDecimal.ZERO), DayTotals::plus);
        }
        for (Refund r : refunds) {
            days.merge(r.day(), new DayTotals(0, BigDecimal.ZERO, BigDecimal.ZERO, 1, r.amount()), DayTotals::plus);
        }
        return days;
    }

    /** Ids that must not be anywhere in the cloud's events or facts. */
    static int storedRefusals(CloudSide cloud, Set<String> refusedEventIds, Set<String> refusedPaymentIds)
            throws SQLException {
        try (Connection c = cloud.connect()) {
            return count(c, "select count(*) from events where event_id = any (?)", refusedEventIds)
                    + count(c, "select count(*) from payment_facts where payment_id = any (?)", refusedPaymentIds);
        }
    }

    /** Accepted-but-invalid events that did not reach the dead letters. */
    static int missingDeadLetters(CloudSide cloud, Set<String> deadLetterEventIds) throws SQLException {
        try (Connection c = cloud.connect()) {
            int found = count(c, "select count(distinct event_id) from dead_letter_events where event_id = any (?)",
                    deadLetterEventIds);
            return deadLetterEventIds.size() - found;
        }
    }

    private static int count(Connection c, String sql, Set<String> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", ids.toArray(String[]::new)));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static boolean allOk(List<VenueResult> results) {
        return results.stream().allMatch(VenueResult::ok);
    }
}
