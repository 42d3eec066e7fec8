package com.ordercontrol.ingest.registry;

import com.ordercontrol.contract.EventSigner;
import com.ordercontrol.contract.WebhookSigner;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Venues, the nodes bound to them, and each node's active secrets. Owns the tables {@code venues},
 * {@code nodes} and {@code node_secrets}.
 *
 * <p>Secrets are returned only once, by {@link #rotateSecret}; nothing here logs them. They are stored
 * sealed with AES-GCM when {@code INGEST_SECRETS_KEY} is set ({@link SecretCipher}).
 */
@Component
public class NodeRegistry {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String UPSERT_VENUE = """
            insert into venues (venue_id, name, time_zone) values (?, ?, ?)
            on conflict (venue_id) do update set name = excluded.name, time_zone = excluded.time_zone""";
    private static final String INSERT_NODE = """
            insert into nodes (node_id, venue_id, require_webhooks) values (?, ?, ?)
            on conflict (node_id) do nothing""";
    private static final String ACTIVE_SECRETS = """
            select secret from node_secrets where node_id = ? and (expires_at is null or expires_at > ?)""";
    private static final String INSERT_SECRET = "insert into node_secrets (node_id, secret) values (?, ?)";
    private static final String FIND_NODE = """
            select n.node_id, n.venue_id, n.enabled, n.require_webhooks, s.secret
            from nodes n left join node_secrets s
              on s.node_id = n.node_id and (s.expires_at is null or s.expires_at > ?)
            where n.node_id = ? order by s.secret_id desc""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecretCipher cipher;

    /** Secrets sealed with the key from the environment ({@link SecretCipher#fromEnvironment()}). */
    @Autowired
    public NodeRegistry(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, clock, SecretCipher.fromEnvironment());
        if (!cipher.encrypts()) {
            LoggerFactory.getLogger(NodeRegistry.class).warn(
                    "INGEST_SECRETS_KEY is not set: node secrets are stored in clear (development only)");
        }
    }

    public NodeRegistry(JdbcTemplate jdbc, Clock clock, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** Adds a venue, or updates its name and zone. */
    public void addVenue(String venueId, String name, ZoneId zone) {
        requireId("venueId", venueId);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("venue name is required");
        }
        jdbc.update(UPSERT_VENUE, venueId, name, (zone == null ? ZoneId.of("UTC") : zone).getId());
    }

    /**
     * Registers a node for a venue with a secret. The node must sign with Standard Webhooks (timestamped,
     * so a captured request cannot be replayed later); see {@link #addLegacyNode} for seed-only senders.
     * Repeating it with the same values changes nothing; a different secret is added as one more active
     * secret; a different venue is refused. An existing node keeps its signing requirement.
     */
    @Transactional
    public void addNode(String nodeId, String venueId, String secret) {
        addNode(nodeId, venueId, secret, false);
    }

    /**
     * Registers a legacy node: one that may send the seed's body-only signature without Standard Webhooks
     * (the seed POS fleet). Otherwise as {@link #addNode}.
     */
    @Transactional
    public void addLegacyNode(String nodeId, String venueId, String secret) {
        addNode(nodeId, venueId, secret, true);
    }

    private void addNode(String nodeId, String venueId, String secret, boolean legacy) {
        requireId("nodeId", nodeId);
        requireSecret(secret);
        if (venue(venueId).isEmpty()) {
            throw new IllegalArgumentException("unknown venue " + venueId + "; add the venue first");
        }
        jdbc.update(INSERT_NODE, nodeId, venueId, !legacy);
        String boundTo = jdbc.queryForObject("select venue_id from nodes where node_id = ?", String.class, nodeId);
        if (!venueId.equals(boundTo)) {
            throw new IllegalArgumentException("node " + nodeId + " is bound to venue " + boundTo + ", not " + venueId);
        }
        Timestamp now = Timestamp.from(clock.instant());
        // Sealed values differ at every seal (random nonce), so compare the opened active secrets.
        boolean active = jdbc.queryForList(ACTIVE_SECRETS, String.class, nodeId, now).stream()
                .anyMatch(stored -> cipher.open(nodeId, stored).equals(secret));
        if (!active) {
            jdbc.update(INSERT_SECRET, nodeId, cipher.seal(nodeId, secret));
        }
    }

    /**
     * Starts a rotation: a new random secret is added and returned (show it once, store it nowhere
     * else); the node's current secrets keep working for {@code overlap}, then only the new one does.
     */
    @Transactional
    public String rotateSecret(String nodeId, Duration overlap) {
        String secret = newSecret();
        rotateSecret(nodeId, secret, overlap);
        return secret;
    }

    /** Rotation to a given secret (for provisioning systems that generate their own). */
    @Transactional
    public void rotateSecret(String nodeId, String newSecret, Duration overlap) {
        requireSecret(newSecret);
        if (overlap == null || overlap.isNegative()) {
            throw new IllegalArgumentException("rotation overlap must be zero or positive");
        }
        requireNode(nodeId);
        Instant now = clock.instant();
        jdbc.update("update node_secrets set expires_at = ? where node_id = ? and (expires_at is null or expires_at > ?)",
                Timestamp.from(now.plus(overlap)), nodeId, Timestamp.from(now));
        jdbc.update(INSERT_SECRET, nodeId, cipher.seal(nodeId, newSecret));
    }

    /** Ends a rotation window now: only the newest secret stays valid. */
    public void finishRotation(String nodeId) {
        requireNode(nodeId);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                update node_secrets set expires_at = ? where node_id = ? and (expires_at is null or expires_at > ?)
                and secret_id <> (select max(secret_id) from node_secrets where node_id = ?)""", now, nodeId, now, nodeId);
    }

    /** Enables or disables a node; a disabled node's requests get 403 and store nothing. */
    public void setEnabled(String nodeId, boolean enabled) {
        requireNode(nodeId);
        jdbc.update("update nodes set enabled = ? where node_id = ?", enabled, nodeId);
    }

    /** Whether this node must sign with Standard Webhooks (seed signatures alone are then refused). */
    public void setRequireWebhooks(String nodeId, boolean required) {
        requireNode(nodeId);
        jdbc.update("update nodes set require_webhooks = ? where node_id = ?", required, nodeId);
    }

    /**
     * The node with signers for its active secrets, if it is registered (enabled or not): one query,
     * one connection. The ingest path reads it through {@link NodeCredentials}, which caches it briefly.
     */
    public Optional<RegisteredNode> find(String nodeId) {
        List<NodeRow> rows = jdbc.query(FIND_NODE, (rs, i) -> new NodeRow(rs.getString(1), rs.getString(2),
                rs.getBoolean(3), rs.getBoolean(4), rs.getString(5)), Timestamp.from(clock.instant()), nodeId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<EventSigner> signers = new ArrayList<>();
        List<WebhookSigner> webhookSigners = new ArrayList<>();
        for (NodeRow row : rows) {
            if (row.secret() != null) {
                String secret = cipher.open(row.nodeId(), row.secret());
                signers.add(EventSigner.withSecret(secret));
                webhookSigners.add(WebhookSigner.withSecret(secret));
            }
        }
        NodeRow first = rows.get(0);
        return Optional.of(new RegisteredNode(first.nodeId(), first.venueId(), first.enabled(), first.requireWebhooks(),
                signers, webhookSigners));
    }

    /** One row of {@link #FIND_NODE}: the node, and one of its active secrets (null when it has none). */
    private record NodeRow(String nodeId, String venueId, boolean enabled, boolean requireWebhooks, String secret) {

        @Override
        public String toString() {
            return "NodeRow[" + nodeId + "]";
        }
    }

    /**
     * Seals every stored secret (active or not) with the current key: after switching
     * {@code INGEST_SECRETS_KEY} (old key in {@code INGEST_SECRETS_OLD_KEYS}), or to encrypt a database whose
     * secrets are in clear. Returns how many rows changed.
     */
    @Transactional
    public int reencryptSecrets() {
        List<Map<String, Object>> rows = jdbc.queryForList("select secret_id, node_id, secret from node_secrets for update");
        int changed = 0;
        for (Map<String, Object> row : rows) {
            String nodeId = (String) row.get("node_id");
            String stored = (String) row.get("secret");
            if (!cipher.isCurrent(stored)) {
                jdbc.update("update node_secrets set secret = ? where secret_id = ?",
                        cipher.seal(nodeId, cipher.open(nodeId, stored)), row.get("secret_id"));
                changed++;
            }
        }
        return changed;
    }

    /** All nodes, without secrets. */
    public List<NodeSummary> list() {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query("""
                select n.node_id, n.venue_id, n.enabled, n.require_webhooks, n.created_at,
                       count(s.secret_id) filter (where s.expires_at is null or s.expires_at > ?) as active,
                       min(s.expires_at) filter (where s.expires_at > ?) as rotation_ends
                from nodes n left join node_secrets s on s.node_id = n.node_id
                group by n.node_id order by n.node_id""",
                (rs, i) -> new NodeSummary(rs.getString("node_id"), rs.getString("venue_id"), rs.getBoolean("enabled"),
                        rs.getBoolean("require_webhooks"), rs.getInt("active"),
                        rs.getTimestamp("rotation_ends") == null ? null : rs.getTimestamp("rotation_ends").toInstant(),
                        rs.getTimestamp("created_at").toInstant()),
                now, now);
    }

    /** The venue, if registered. */
    public Optional<Venue> venue(String venueId) {
        return jdbc.query("select venue_id, name, time_zone from venues where venue_id = ?",
                (rs, i) -> new Venue(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3))), venueId)
                .stream().findFirst();
    }

    /** All venues, by id. */
    public List<Venue> venues() {
        return jdbc.query("select venue_id, name, time_zone from venues order by venue_id",
                (rs, i) -> new Venue(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3))));
    }

    /** The registered venues among {@code venueIds} (a token's scope), by id; unknown ids are left out. */
    public List<Venue> venues(Collection<String> venueIds) {
        if (venueIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select venue_id, name, time_zone from venues where venue_id = any(?) order by venue_id",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", venueIds.toArray())),
                (rs, i) -> new Venue(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3))));
    }

    private void requireNode(String nodeId) {
        Integer n = jdbc.queryForObject("select count(*) from nodes where node_id = ?", Integer.class, nodeId);
        if (n == null || n == 0) {
            throw new IllegalArgumentException("unknown node " + nodeId);
        }
    }

    private static void requireId(String what, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-128 letters, digits or ._:-");
        }
    }

    private static void requireSecret(String secret) {
        // The message never includes the secret itself.
        if (secret == null || secret.length() < 8 || secret.isBlank()) {
            throw new IllegalArgumentException("a node secret must be at least 8 characters");
        }
    }

    /** 32 random bytes, URL-safe base64: usable as-is for both signature schemes. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
