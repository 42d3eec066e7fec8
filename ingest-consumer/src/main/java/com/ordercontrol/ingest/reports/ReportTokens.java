package com.ordercontrol.ingest.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finance's bearer tokens, each scoped to a set of venues. Only the SHA-256 of a token is stored
 * (tokens are 256-bit random, so a plain hash is enough); a token is shown once, when issued.
 * Owns {@code report_tokens} and {@code report_token_venues}.
 */
@Component
public class ReportTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    public ReportTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A token as listed: the first 12 hex characters of its hash identify it; the token is not kept. */
    public record TokenInfo(String id, String label, boolean revoked, Set<String> venueIds) {
    }

    /**
     * Registers a token chosen by the caller (the local stack's printed dev token) for these venues.
     * Registering the same token again adds venues; nothing is removed.
     */
    @Transactional
    public void register(String token, String label, Set<String> venueIds) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("a report token must be at least 16 characters");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a report token needs a label");
        }
        if (venueIds == null || venueIds.isEmpty()) {
            throw new IllegalArgumentException("a report token needs at least one venue");
        }
        String hash = hash(token);
        jdbc.update("insert into report_tokens (token_hash, label) values (?, ?) on conflict (token_hash) do nothing",
                hash, label);
        for (String venueId : venueIds) {
            jdbc.update("""
                    insert into report_token_venues (token_hash, venue_id) values (?, ?)
                    on conflict (token_hash, venue_id) do nothing""", hash, venueId);
        }
    }

    /** Issues a new random token for these venues and returns it; it cannot be shown again. */
    public String issue(String label, Set<String> venueIds) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        register(token, label, venueIds);
        return token;
    }

    /** Revokes every token with this id (hash prefix from {@link #list()}) or label; returns how many. */
    public int revoke(String idOrLabel) {
        return jdbc.update("update report_tokens set revoked = true where label = ? or left(token_hash, 12) = ?",
                idOrLabel, idOrLabel);
    }

    /** All tokens without their secret. */
    public List<TokenInfo> list() {
        return jdbc.query("select token_hash, label, revoked from report_tokens order by label, token_hash",
                (rs, i) -> new TokenInfo(rs.getString(1).substring(0, 12), rs.getString(2), rs.getBoolean(3),
                        venues(rs.getString(1))));
    }

    /** The venues a presented token may read, or empty when it is unknown or revoked. */
    public Optional<Set<String>> scopeOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(token);
        List<Boolean> revoked = jdbc.queryForList("select revoked from report_tokens where token_hash = ?",
                Boolean.class, hash);
        if (revoked.isEmpty() || revoked.get(0)) {
            return Optional.empty();
        }
        return Optional.of(venues(hash));
    }

    /** The venues of the token in an {@code Authorization: Bearer <token>} header, or empty (401). */
    public Optional<Set<String>> scopeOfBearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return scopeOf(authorizationHeader.substring(7).trim());
    }

    private Set<String> venues(String hash) {
        return new TreeSet<>(jdbc.queryForList("select venue_id from report_token_venues where token_hash = ?",
                String.class, hash));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
