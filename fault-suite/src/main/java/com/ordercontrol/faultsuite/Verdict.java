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
 * Compares, after the system settled, every venue's own payments with the cloud's facts one to one, and
 * every business day's count and totals to the cent; checks that nothing from a bad request was stored
 * and that the relay queues stayed within their cap.
 */
final class Verdict {

    /** One payment as a side recorded it. */
    record Payment(BigDecimal amount, BigDecimal tip, String method, LocalDate day) {
    }

    /** Count and sums of one venue's business day. */
    record DayTotals(int count, BigDecimal gross, BigDecimal tips) {

        DayTotals plus(Payment p) {
            return new DayTotals(count + 1, gross.add(p.amount()), tips.add(p.tip()));
        }
    }

    /** What the verdict found for one venue. */
    record VenueResult(String venueId, int posPayments, int facts, int lost, int extra, int wrongAmount,
                       int extraEvents, int ackedNotInPos, int parked, int daysCompared, int daysDiffering,
                       int maxQueueDepth, int queueCap) {

        boolean ok() {
            return lost == 0 && extra == 0 && wrongAmount == 0 && extraEvents == 0 && ackedNotInPos == 0
                    && parked == 0 && daysDiffering == 0 && maxQueueDepth <= queueCap;
        }
    }

    private Verdict() {
    }

    static VenueResult judge(VenueBox venue, CloudSide cloud, Set<String> acknowledged, Set<String> corpusEventIds,
                             int maxQueueDepth) throws SQLException {
        Map<String, Payment> pos = new HashMap<>();
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
            try (ResultSet rs = c.createStatement().executeQuery("select event_id::text from outbox_event")) {
                while (rs.next()) {
                    outboxEvents.add(rs.getString(1));
                }
            }
        }
        Map<String, Payment> facts = new HashMap<>();
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
        Map<LocalDate, DayTotals> posDays = days(pos.values());
        Map<LocalDate, DayTotals> cloudDays = days(facts.values());
        Set<LocalDate> allDays = new HashSet<>(posDays.keySet());
        allDays.addAll(cloudDays.keySet());
        int differing = (int) allDays.stream().filter(d -> !same(posDays.get(d), cloudDays.get(d))).count();
        return new VenueResult(venue.venueId, pos.size(), facts.size(), lost, extra, wrong, extraEvents, ackedNotInPos,
                parked, allDays.size(), differing, maxQueueDepth, venue.queueCap);
    }

    private static Map<LocalDate, DayTotals> days(Iterable<Payment> payments) {
        Map<LocalDate, DayTotals> days = new TreeMap<>();
        for (Payment p : payments) {
            days.merge(p.day(), new DayTotals(0, BigDecimal.ZERO, BigDecimal.ZERO).plus(p),
                    (a, b) -> new DayTotals(a.count() + b.count(), a.gross().add(b.gross()), a.tips().add(b.tips())));
        }
        return days;
    }

    private static boolean same(DayTotals a, DayTotals b) {
        return a != null && b != null && a.count() == b.count() && a.gross().compareTo(b.gross()) == 0
                && a.tips().compareTo(b.tips()) == 0;
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
