package com.ordercontrol.ingest.http;

import com.ordercontrol.ingest.IngestSettings;
import com.ordercontrol.ingest.monitoring.IngestCounters;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Replay protection for Standard Webhooks requests, shared by every ingest instance through the table
 * {@code accepted_webhook_ids} (owned here). A {@code (node, webhook-id)} accepted within twice the
 * timestamp tolerance (the longest a captured request stays within tolerance) produces nothing new.
 *
 * <p>Cheap by design: one primary-key lookup before producing, one upsert after the acknowledgements.
 * Both degrade safely: if the database cannot answer, the request is treated as new (facts are idempotent
 * on eventId anyway) and the failure is counted. Rows older than the window are purged at most once a
 * minute by whichever instance records an id.
 */
@Component
class AcceptedWebhookIds {

    private static final Logger log = LoggerFactory.getLogger(AcceptedWebhookIds.class);
    private static final long PURGE_EVERY_NANOS = 60_000_000_000L;

    private static final String SEEN = """
            select exists (select 1 from accepted_webhook_ids
                           where node_id = ? and webhook_id = ? and accepted_at > now() - make_interval(secs => ?))""";
    private static final String REMEMBER = """
            insert into accepted_webhook_ids (node_id, webhook_id) values (?, ?)
            on conflict (node_id, webhook_id) do update set accepted_at = excluded.accepted_at""";
    private static final String PURGE =
            "delete from accepted_webhook_ids where accepted_at < now() - make_interval(secs => ?)";

    private final JdbcTemplate jdbc;
    private final IngestCounters counters;
    private final double windowSeconds;
    private final AtomicLong lastPurge = new AtomicLong(System.nanoTime() - PURGE_EVERY_NANOS);

    AcceptedWebhookIds(JdbcTemplate jdbc, IngestCounters counters, IngestSettings settings) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.windowSeconds = 2.0 * settings.webhookTolerance().toMillis() / 1000.0;
    }

    /** Whether this node's webhook-id was accepted within the window (false when the database cannot say). */
    boolean seen(String nodeId, String webhookId) {
        try {
            return Boolean.TRUE.equals(jdbc.queryForObject(SEEN, Boolean.class, nodeId, webhookId, windowSeconds));
        } catch (DataAccessException e) {
            counters.increment("ingest.webhook_ids.unavailable");
            log.warn("webhook-id replay check skipped (the request is treated as new): {}",
                    e.getMostSpecificCause().getMessage());
            return false;
        }
    }

    /** Records an accepted request's webhook-id; called after every acknowledgement, before the 202. */
    void remember(String nodeId, String webhookId) {
        try {
            jdbc.update(REMEMBER, nodeId, webhookId);
            long last = lastPurge.get();
            if (System.nanoTime() - last > PURGE_EVERY_NANOS && lastPurge.compareAndSet(last, System.nanoTime())) {
                jdbc.update(PURGE, windowSeconds);
            }
        } catch (DataAccessException e) {
            counters.increment("ingest.webhook_ids.unavailable");
            log.warn("accepted webhook-id not recorded (a replay of it would be produced again, then absorbed): {}",
                    e.getMostSpecificCause().getMessage());
        }
    }
}
