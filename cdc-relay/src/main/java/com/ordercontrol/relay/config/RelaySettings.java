package com.ordercontrol.relay.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the relay can be told, with the defaults in one place. Build it with
 * {@link #fromEnvironment(Map)} (the variable names are the seed's plus {@code RELAY_*}); every bad
 * value is reported with the variable's name. {@link #toString()} never shows the secrets.
 *
 * @param backofficeApiUrl    {@code BACKOFFICE_API_URL}: base URL of the cloud; events go to {@code /api/events/ingest} below it
 * @param serverApiKey        {@code SERVER_API_KEY}: the node's HMAC secret (required, never logged)
 * @param serverNodeId        {@code SERVER_NODE_ID}: the node id sent in {@code X-Server-Node-Id} (required)
 * @param dbUrl               {@code RELAY_DB_URL}: JDBC URL of the NUC's PostgreSQL (outbox, queue, offsets)
 * @param dbUser              {@code RELAY_DB_USER}: database user; needs the REPLICATION attribute
 * @param dbPassword          {@code RELAY_DB_PASSWORD}: database password (never logged)
 * @param queueCapacity       {@code RELAY_QUEUE_CAPACITY}: most events waiting for delivery; when full the relay stops reading the WAL
 * @param backoffBase         {@code RELAY_BACKOFF_BASE}: first retry delay; doubles per failed attempt
 * @param backoffCap          {@code RELAY_BACKOFF_CAP}: longest retry delay
 * @param backoffJitter       {@code RELAY_BACKOFF_JITTER}: up to this fraction of the delay is added at random (0 = exact)
 * @param workerInterval      {@code RELAY_WORKER_INTERVAL}: the delivery worker also wakes this often, besides on every enqueue
 * @param stuckAfterAttempts  {@code RELAY_STUCK_AFTER_ATTEMPTS}: failed attempts after which an event is flagged stuck (it keeps retrying)
 * @param httpTimeout         {@code RELAY_HTTP_TIMEOUT}: connect and response timeout of one POST; above the ingest's
 *                            {@code ingest.produce-timeout} (10 s), so a cloud whose Kafka is away answers 503 first
 * @param batchMaxEvents      {@code RELAY_BATCH_MAX_EVENTS}: most events in one POST when a backlog waits (1 = never batch; the cloud takes up to 500)
 * @param batchMaxBytes       {@code RELAY_BATCH_MAX_BYTES}: most body bytes of one batch POST (the cloud takes up to 1 MiB)
 * @param reconcileGrace      {@code RELAY_RECONCILE_GRACE}: outbox rows younger than this are left to the WAL stream
 * @param reconcileInterval   {@code RELAY_RECONCILE_INTERVAL}: how often the reconciliation sweep and the retention purge run
 * @param outboxRetention     {@code RELAY_OUTBOX_RETENTION}: delivered outbox rows (and their delivery log) older than this are purged
 * @param slotName            {@code RELAY_SLOT_NAME}: the logical replication slot
 * @param publicationName     {@code RELAY_PUBLICATION_NAME}: the publication (created by migration V3, never by the relay)
 * @param heartbeatInterval   {@code RELAY_HEARTBEAT_INTERVAL}: Debezium heartbeat; keeps the slot advancing on a quiet outbox
 * @param pollInterval        {@code RELAY_POLL_INTERVAL}: Debezium's poll.interval.ms; dominates capture latency
 * @param offsetFlushInterval {@code RELAY_OFFSET_FLUSH_INTERVAL}: how often Debezium commits offsets (events are already durable in the queue)
 * @param healthMinInterval   {@code RELAY_HEALTH_MIN_INTERVAL}: after deliveries, the node health report goes to the cloud at most this often
 * @param healthInterval      {@code RELAY_HEALTH_INTERVAL}: the health report's heartbeat when nothing is delivered (the cloud calls a
 *                            node silent after {@code ingest.health.silent-after}, 180 s by default: keep this well below it)
 * @param directDelivery      {@code RELAY_DIRECT_DELIVERY}: while the queue is empty, send events to the cloud as they are read
 *                            from the WAL instead of queueing them first ({@code true}, the default, or {@code false})
 */
public record RelaySettings(
        URI backofficeApiUrl,
        String serverApiKey,
        String serverNodeId,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int queueCapacity,
        Duration backoffBase,
        Duration backoffCap,
        double backoffJitter,
        Duration workerInterval,
        int stuckAfterAttempts,
        Duration httpTimeout,
        int batchMaxEvents,
        int batchMaxBytes,
        Duration reconcileGrace,
        Duration reconcileInterval,
        Duration outboxRetention,
        String slotName,
        String publicationName,
        Duration heartbeatInterval,
        Duration pollInterval,
        Duration offsetFlushInterval,
        Duration healthMinInterval,
        Duration healthInterval,
        boolean directDelivery) {

    public RelaySettings {
        Objects.requireNonNull(backofficeApiUrl, "BACKOFFICE_API_URL");
        requireText(serverApiKey, "SERVER_API_KEY");
        requireText(serverNodeId, "SERVER_NODE_ID");
        requireText(dbUrl, "RELAY_DB_URL");
        requireText(dbUser, "RELAY_DB_USER");
        Objects.requireNonNull(dbPassword, "RELAY_DB_PASSWORD");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("RELAY_QUEUE_CAPACITY must be at least 1, was " + queueCapacity);
        }
        if (backoffJitter < 0 || backoffJitter > 1) {
            throw new IllegalArgumentException("RELAY_BACKOFF_JITTER must be between 0 and 1, was " + backoffJitter);
        }
        if (stuckAfterAttempts < 1) {
            throw new IllegalArgumentException("RELAY_STUCK_AFTER_ATTEMPTS must be at least 1, was " + stuckAfterAttempts);
        }
        if (batchMaxEvents < 1 || batchMaxEvents > 500) {
            throw new IllegalArgumentException("RELAY_BATCH_MAX_EVENTS must be between 1 and 500 (the cloud's limit), was "
                    + batchMaxEvents);
        }
        if (batchMaxBytes < 1024 || batchMaxBytes > 1_048_576) {
            throw new IllegalArgumentException("RELAY_BATCH_MAX_BYTES must be between 1024 and 1048576 (the cloud's limit), was "
                    + batchMaxBytes);
        }
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("RELAY_BACKOFF_CAP must not be shorter than RELAY_BACKOFF_BASE");
        }
        if (!slotName.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("RELAY_SLOT_NAME must be 1-63 lower-case letters, digits or _");
        }
        if (!publicationName.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("RELAY_PUBLICATION_NAME must be 1-63 lower-case letters, digits or _");
        }
        if (healthMinInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("RELAY_HEALTH_MIN_INTERVAL must be at least 100ms, was " + healthMinInterval);
        }
        if (healthInterval.compareTo(Duration.ofMillis(100)) < 0 || healthInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("RELAY_HEALTH_INTERVAL must be between 100ms and 1h, was " + healthInterval);
        }
    }

    /**
     * Reads the settings from environment-style variables; anything missing takes its default.
     *
     * @throws IllegalArgumentException naming every variable that is missing or malformed
     */
    public static RelaySettings fromEnvironment(Map<String, String> env) {
        Reader r = new Reader(env);
        URI url = r.get("BACKOFFICE_API_URL", "http://localhost:8080", RelaySettings::httpUri);
        String key = r.required("SERVER_API_KEY");
        String node = r.required("SERVER_NODE_ID");
        String dbUrl = r.get("RELAY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/pos", RelaySettings::jdbcUrl);
        String dbUser = r.get("RELAY_DB_USER", "postgres", Function.identity());
        String dbPassword = env.getOrDefault("RELAY_DB_PASSWORD", "");
        int cap = r.get("RELAY_QUEUE_CAPACITY", "1000", Integer::parseInt);
        Duration base = r.get("RELAY_BACKOFF_BASE", "30s", DurationText::parse);
        Duration backoffCap = r.get("RELAY_BACKOFF_CAP", "1h", DurationText::parse);
        double jitter = r.get("RELAY_BACKOFF_JITTER", "0.1", Double::parseDouble);
        Duration worker = r.get("RELAY_WORKER_INTERVAL", "30s", DurationText::parse);
        int stuck = r.get("RELAY_STUCK_AFTER_ATTEMPTS", "10", Integer::parseInt);
        Duration http = r.get("RELAY_HTTP_TIMEOUT", "20s", DurationText::parse);
        int batchEvents = r.get("RELAY_BATCH_MAX_EVENTS", "200", Integer::parseInt);
        int batchBytes = r.get("RELAY_BATCH_MAX_BYTES", "524288", Integer::parseInt);
        Duration grace = r.get("RELAY_RECONCILE_GRACE", "2m", DurationText::parse);
        Duration sweep = r.get("RELAY_RECONCILE_INTERVAL", "1m", DurationText::parse);
        Duration retention = r.get("RELAY_OUTBOX_RETENTION", "7d", DurationText::parse);
        String slot = r.get("RELAY_SLOT_NAME", "ordercontrol_relay", Function.identity());
        String publication = r.get("RELAY_PUBLICATION_NAME", "relay_outbox_publication", Function.identity());
        Duration heartbeat = r.get("RELAY_HEARTBEAT_INTERVAL", "10s", DurationText::parse);
        Duration poll = r.get("RELAY_POLL_INTERVAL", "2ms", DurationText::parse);
        Duration flush = r.get("RELAY_OFFSET_FLUSH_INTERVAL", "1s", DurationText::parse);
        Duration healthMin = r.get("RELAY_HEALTH_MIN_INTERVAL", "10s", DurationText::parse);
        Duration health = r.get("RELAY_HEALTH_INTERVAL", "60s", DurationText::parse);
        boolean direct = r.get("RELAY_DIRECT_DELIVERY", "true", RelaySettings::bool);
        r.failIfErrors();
        try {
            return new RelaySettings(url, key, node, dbUrl, dbUser, dbPassword, cap, base, backoffCap, jitter, worker,
                    stuck, http, batchEvents, batchBytes, grace, sweep, retention, slot, publication, heartbeat, poll, flush,
                    healthMin, health, direct);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException(e.getMessage() + " is required", e);
        }
    }

    /** Where the node's health report goes: {@code /api/nodes/<serverNodeId>/health} below the cloud's URL. */
    public URI healthUri() {
        String base = backofficeApiUrl.toString().replaceAll("/+$", "");
        return URI.create(base + com.ordercontrol.contract.WireHeaders.NODE_HEALTH_PATH.replace("{nodeId}",
                java.net.URLEncoder.encode(serverNodeId, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The full ingest URL. */
    public URI ingestUri() {
        String base = backofficeApiUrl.toString().replaceAll("/+$", "");
        return URI.create(base + com.ordercontrol.contract.WireHeaders.INGEST_PATH);
    }

    @Override
    public String toString() {
        return "RelaySettings[backofficeApiUrl=" + backofficeApiUrl + ", serverApiKey=***, serverNodeId=" + serverNodeId
                + ", dbUrl=" + dbUrl + ", dbUser=" + dbUser + ", dbPassword=***, queueCapacity=" + queueCapacity
                + ", backoffBase=" + backoffBase + ", backoffCap=" + backoffCap + ", backoffJitter=" + backoffJitter
                + ", workerInterval=" + workerInterval + ", stuckAfterAttempts=" + stuckAfterAttempts
                + ", httpTimeout=" + httpTimeout + ", batchMaxEvents=" + batchMaxEvents + ", batchMaxBytes=" + batchMaxBytes
                + ", reconcileGrace=" + reconcileGrace
                + ", reconcileInterval=" + reconcileInterval + ", outboxRetention=" + outboxRetention
                + ", slotName=" + slotName + ", publicationName=" + publicationName
                + ", heartbeatInterval=" + heartbeatInterval + ", pollInterval=" + pollInterval
                + ", offsetFlushInterval=" + offsetFlushInterval + ", healthMinInterval=" + healthMinInterval
                + ", healthInterval=" + healthInterval + ", directDelivery=" + directDelivery + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static boolean bool(String text) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false, was '" + text + "'");
        };
    }

    private static URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http(s) URL such as http://localhost:8080, was '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http(s) URL such as http://localhost:8080, was '" + text + "'");
        }
    }

    private static String jdbcUrl(String text) {
        if (!text.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("must be a jdbc:postgresql:// URL, was '" + text + "'");
        }
        return text;
    }

    /** Collects every bad variable before failing, so an operator fixes them all in one go. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> errors = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        String required(String name) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                errors.add(name + " is required");
                return null;
            }
            return value;
        }

        <T> T get(String name, String defaultValue, Function<String, T> parse) {
            String value = env.get(name);
            String text = value == null || value.isBlank() ? defaultValue : value.trim();
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                // NumberFormatException's own message is unhelpful; say what was expected.
                String why = e instanceof NumberFormatException ? "is not a number: '" + text + "'" : e.getMessage();
                errors.add(name + " " + why);
                return parse.apply(defaultValue);
            }
        }

        void failIfErrors() {
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid relay settings: " + String.join("; ", errors));
            }
        }
    }
}
