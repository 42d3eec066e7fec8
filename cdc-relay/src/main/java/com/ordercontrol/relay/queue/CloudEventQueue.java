package com.ordercontrol.relay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The durable delivery queue ({@code cloud_event_queue}, migration V3) and its delivery log
 * ({@code relay_delivered_event}). Every statement on these tables lives here. The queue owns its
 * cap (at most {@code capacity} pending events; {@link #offer} takes what fits) and its wake-up calls
 * within this process: {@link #awaitWork} returns when events were queued, {@link #awaitRoom} when
 * events left it.
 *
 * <p>Each method is one committed transaction, so whatever it reports has survived a power loss.
 */
public final class CloudEventQueue {

    private static final String INSERT = """
            insert into cloud_event_queue
                (event_id, event_type, location_id, payload, max_attempts, next_retry_at, created_at, attempts, last_error)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?
            where not exists (select 1 from relay_delivered_event d where d.event_id = ?)
            on conflict (event_id) do nothing
            """;
    private static final String INSERT_EVEN_IF_DELIVERED = """
            insert into cloud_event_queue
                (event_id, event_type, location_id, payload, max_attempts, next_retry_at, created_at, attempts, last_error)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing
            """;
    /**
     * Serialises every enqueue (so count-then-insert cannot overshoot the cap) with every delivery
     * commit (so a replayed event cannot slip between the queue and the delivery log).
     */
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('cloud_event_queue'))";
    private static final String SELECT_HEAD = """
            select queue_position, event_id, event_type, payload, attempts, max_attempts, next_retry_at, created_at
            from cloud_event_queue
            where status = 'pending' and queue_position > ?
            order by queue_position
            limit ?
            """;
    private static final String COUNT_PENDING = "select count(*) from cloud_event_queue where status = 'pending'";
    private static final String IDLE_AND_DELIVERED = """
            select exists (select 1 from cloud_event_queue where status = 'pending'),
                   array(select d.event_id from relay_delivered_event d where d.event_id = any (?))
            """;
    private static final String DELETE = "delete from cloud_event_queue where queue_position = any (?)";
    private static final String INSERT_DELIVERED = """
            insert into relay_delivered_event (event_id, delivered_at, http_status)
            select e, ?, ? from unnest(?::uuid[]) as e
            on conflict (event_id) do nothing
            """;
    private static final String RECORD_FAILURE = """
            update cloud_event_queue
            set attempts = attempts + 1, last_error = ?, next_retry_at = ?
            where queue_position = ?
            """;
    private static final String PARK = """
            update cloud_event_queue
            set status = 'parked', parked_status = ?, last_error = ?, parked_at = ?
            where queue_position = ?
            """;
    private static final String INSERT_PARKED = """
            insert into cloud_event_queue
                (event_id, event_type, location_id, payload, max_attempts, next_retry_at, created_at,
                 status, parked_status, last_error, parked_at)
            values (?, ?, ?, ?, ?, ?, ?, 'parked', ?, ?, ?)
            on conflict (event_id) do nothing
            """;
    private static final String REDRIVE = """
            update cloud_event_queue
            set status = 'pending', attempts = 0, next_retry_at = ?, parked_status = null, parked_at = null
            where status = 'parked'
            """;
    private static final String FIGURES = """
            select count(*) filter (where status = 'pending'),
                   count(*) filter (where status = 'parked'),
                   count(*) filter (where status = 'pending' and attempts >= max_attempts),
                   min(created_at) filter (where status = 'pending'),
                   (select max(delivered_at) from relay_delivered_event)
            from cloud_event_queue
            """;
    private static final String SELECT_PARKED = """
            select event_id, parked_status, last_error, parked_at
            from cloud_event_queue where status = 'parked' order by queue_position limit ?
            """;

    private final DataSource dataSource;
    private final Clock clock;
    private final int capacity;
    private final int maxAttempts;
    private final QueueSignal queued = new QueueSignal();
    private final QueueSignal leftQueue = new QueueSignal();

    /**
     * @param capacity    most pending events; {@link #offer} stops there (back-pressure, never eviction)
     * @param maxAttempts failed attempts after which a new event counts as stuck
     */
    public CloudEventQueue(DataSource dataSource, Clock clock, int capacity, int maxAttempts) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.capacity = capacity;
        this.maxAttempts = maxAttempts;
    }

    /** The cap on pending events. */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds events at the tail, in order, while there is room; events already queued or already
     * delivered are skipped without using room, so a replayed WAL stretch or a sweep never queues an
     * event twice. Wakes the delivery worker when anything was taken.
     *
     * @return how many events from the front of {@code events} were taken (queued or skipped); the
     *         rest found the queue full
     */
    public int offer(List<NewEvent> events) throws SQLException {
        return signalled(enqueueWithinCap(events, false, null));
    }

    /** Like {@link #offer}, for events whose first delivery attempt already failed. */
    public int offer(List<NewEvent> events, FailedAttempt failed) throws SQLException {
        return signalled(enqueueWithinCap(events, false, failed));
    }

    /** Like {@link #offer} but queues events the cloud already accepted again ({@code resend}). */
    public int offerAgain(List<NewEvent> events) throws SQLException {
        return signalled(enqueueWithinCap(events, true, null));
    }

    private int signalled(int taken) {
        if (taken > 0) {
            queued.signal();
        }
        return taken;
    }

    /** Waits until events are queued (in this process) or the timeout passes; a signal sent before is not lost. */
    public void awaitWork(Duration timeout) throws InterruptedException {
        queued.await(timeout);
    }

    /** Waits until events leave the queue (in this process) or the timeout passes. */
    public void awaitRoom(Duration timeout) throws InterruptedException {
        leftQueue.await(timeout);
    }

    /** Wakes whoever waits for work or for room (the relay is stopping). */
    public void wakeAll() {
        queued.signal();
        leftQueue.signal();
    }

    /**
     * One transaction. A transaction-scoped advisory lock makes the cap hold across the WAL reader,
     * the sweep and an operator's {@code resend} in another process.
     */
    private int enqueueWithinCap(List<NewEvent> events, boolean evenIfDelivered, FailedAttempt failed)
            throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c);
                long room = capacity - countPending(c);
                int taken = 0;
                try (PreparedStatement ps = c.prepareStatement(evenIfDelivered ? INSERT_EVEN_IF_DELIVERED : INSERT)) {
                    while (taken < events.size() && room > 0) {
                        List<NewEvent> batch = events.subList(taken, (int) Math.min(events.size(), taken + room));
                        for (NewEvent e : batch) {
                            bind(ps, e, now, evenIfDelivered, failed);
                            ps.addBatch();
                        }
                        for (int n : ps.executeBatch()) {
                            room -= Math.max(n, 0);
                        }
                        taken += batch.size();
                    }
                }
                c.commit();
                return taken;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void bind(PreparedStatement ps, NewEvent e, Timestamp now, boolean evenIfDelivered, FailedAttempt failed)
            throws SQLException {
        ps.setObject(1, e.eventId());
        ps.setString(2, e.eventType());
        ps.setString(3, e.venueId());
        ps.setBytes(4, e.body());
        ps.setInt(5, maxAttempts);
        ps.setTimestamp(6, failed == null ? now : Timestamp.from(failed.nextRetryAt()));
        ps.setTimestamp(7, now);
        ps.setInt(8, failed == null ? 0 : 1);
        ps.setString(9, failed == null ? null : failed.error());
        if (!evenIfDelivered) {
            ps.setObject(10, e.eventId());
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.execute();
        }
    }

    private static long countPending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT_PENDING); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first {@code limit} pending events in queue order (due or not). */
    public List<QueuedEvent> head(int limit) throws SQLException {
        return headAfter(0, limit);
    }

    /**
     * The first {@code limit} pending events behind queue position {@code position} (due or not): the
     * delivery worker reads past events whose deletion is still being committed.
     */
    public List<QueuedEvent> headAfter(long position, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_HEAD)) {
            ps.setLong(1, position);
            ps.setInt(2, limit);
            List<QueuedEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new QueuedEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getBytes(4), rs.getInt(5), rs.getInt(6), rs.getTimestamp(7).toInstant(),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            return events;
        }
    }

    /** Events waiting for delivery; the cap applies to this number. */
    public long pendingCount() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return countPending(c);
        }
    }

    /**
     * The cloud accepted these events: hard delete and record them in the delivery log, atomically,
     * then wake a WAL reader waiting for room.
     * It takes the enqueue lock: otherwise a replayed WAL record of one of them, inserted while this
     * transaction is uncommitted, would see neither the log entry nor (once this commits) the queue
     * row, and the event would be queued and sent a second time.
     */
    public void markDelivered(List<QueuedEvent> events, int httpStatus) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement(DELETE);
                 PreparedStatement log = c.prepareStatement(INSERT_DELIVERED)) {
                lock(c);
                delete.setArray(1, c.createArrayOf("bigint", events.stream().map(QueuedEvent::position).toArray()));
                delete.executeUpdate();
                log.setTimestamp(1, Timestamp.from(clock.instant()));
                log.setInt(2, httpStatus);
                log.setArray(3, c.createArrayOf("uuid", events.stream().map(QueuedEvent::eventId).toArray()));
                log.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        leftQueue.signal();
    }

    /**
     * Records events the cloud accepted that never entered the queue (delivered straight from the WAL),
     * so that a replayed WAL stretch, the sweep and {@code status} know them as delivered.
     */
    public void recordDelivered(List<UUID> eventIds, int httpStatus) throws SQLException {
        if (eventIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement log = c.prepareStatement(INSERT_DELIVERED)) {
            log.setTimestamp(1, Timestamp.from(clock.instant()));
            log.setInt(2, httpStatus);
            log.setArray(3, c.createArrayOf("uuid", eventIds.toArray()));
            log.executeUpdate();
        }
    }

    /**
     * Keeps an event the cloud refused for itself on its first (direct) delivery as parked, as if it had
     * been queued and refused there: it takes no room and waits for {@code redrive}.
     */
    public void insertParked(NewEvent event, int httpStatus, String reason) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_PARKED)) {
            ps.setObject(1, event.eventId());
            ps.setString(2, event.eventType());
            ps.setString(3, event.venueId());
            ps.setBytes(4, event.body());
            ps.setInt(5, maxAttempts);
            ps.setTimestamp(6, now);
            ps.setTimestamp(7, now);
            ps.setInt(8, httpStatus);
            ps.setString(9, reason);
            ps.setTimestamp(10, now);
            ps.executeUpdate();
        }
    }

    /**
     * For the direct path, in one round trip: empty while any event waits in the queue (parked ones do
     * not count), otherwise which of {@code eventIds} the cloud already accepted (a WAL stretch replayed
     * after a restart; they need not be sent again).
     */
    public Optional<Set<UUID>> deliveredIfIdle(List<UUID> eventIds) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(IDLE_AND_DELIVERED)) {
            ps.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.empty();
                }
                Set<UUID> delivered = new HashSet<>();
                for (Object id : (Object[]) rs.getArray(2).getArray()) {
                    delivered.add((UUID) id);
                }
                return Optional.of(delivered);
            }
        }
    }

    /** A transient failure: one more attempt counted, not to be tried again before {@code nextRetryAt}. */
    public void recordFailure(QueuedEvent event, String reason, Instant nextRetryAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RECORD_FAILURE)) {
            ps.setString(1, reason);
            ps.setTimestamp(2, Timestamp.from(nextRetryAt));
            ps.setLong(3, event.position());
            ps.executeUpdate();
        }
    }

    /** A permanent refusal: the event stays on the NUC, parked with the cloud's status and reason. */
    public void park(QueuedEvent event, int httpStatus, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PARK)) {
            ps.setInt(1, httpStatus);
            ps.setString(2, reason);
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.setLong(4, event.position());
            ps.executeUpdate();
        }
        leftQueue.signal();
    }

    /**
     * Puts every parked event back into delivery, due now, keeping its original queue position.
     *
     * @return how many were redriven
     */
    public int redrive() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REDRIVE)) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            return ps.executeUpdate();
        }
    }

    /** Counts for {@code status} and the metrics. */
    public QueueFigures figures() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIGURES);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new QueueFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), instant(rs.getTimestamp(4)),
                    instant(rs.getTimestamp(5)));
        }
    }

    /** The oldest parked events with the cloud's status and reason. */
    public List<ParkedEvent> parked(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_PARKED)) {
            ps.setInt(1, limit);
            List<ParkedEvent> parked = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parked.add(new ParkedEvent(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return parked;
        }
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
