package com.ordercontrol.ingest.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals node secrets for storage with AES-256-GCM under a key from the environment, bound to the node id
 * (so a sealed value copied to another node's row does not open). Stored form:
 * {@code aesgcm:v1:<key id>:<base64 of 12-byte nonce + ciphertext + tag>}; the key id is the first 8 hex
 * of the key's SHA-256, so a rotation knows which key opens which row.
 *
 * <p>{@code INGEST_SECRETS_KEY}: the current key, base64 of 32 bytes ({@code openssl rand -base64 32}).
 * {@code INGEST_SECRETS_OLD_KEYS}: comma-separated earlier keys, still accepted for opening during a key
 * rotation ({@code admin reencrypt-secrets} then seals every row with the current key). Without a key,
 * secrets are stored in clear (development only; the service logs a warning). Rows stored in clear are
 * always readable, so encryption can be switched on for an existing database.
 */
public final class SecretCipher {

    static final String PREFIX = "aesgcm:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;

    private SecretCipher(List<byte[]> keys) {
        this.keys = new LinkedHashMap<>();
        for (byte[] key : keys) {
            if (key.length != 32) {
                throw new IllegalArgumentException("INGEST_SECRETS_KEY must be base64 of 32 bytes (AES-256)");
            }
            this.keys.putIfAbsent(id(key), new SecretKeySpec(key, "AES"));
        }
        this.currentId = keys.isEmpty() ? null : id(keys.get(0));
    }

    /** From {@code INGEST_SECRETS_KEY} and {@code INGEST_SECRETS_OLD_KEYS}; in clear when the first is unset. */
    public static SecretCipher fromEnvironment() {
        return of(System.getenv("INGEST_SECRETS_KEY"), System.getenv("INGEST_SECRETS_OLD_KEYS"));
    }

    /** @param current base64 key or null/blank for none; @param old comma-separated base64 keys, or null */
    public static SecretCipher of(String current, String old) {
        List<byte[]> keys = new ArrayList<>();
        if (current != null && !current.isBlank()) {
            keys.add(decode(current));
            if (old != null) {
                for (String k : old.split(",")) {
                    if (!k.isBlank()) {
                        keys.add(decode(k));
                    }
                }
            }
        }
        return new SecretCipher(keys);
    }

    /** Whether secrets are sealed (a key is set). */
    public boolean encrypts() {
        return currentId != null;
    }

    /** The stored form of {@code secret} of {@code nodeId}: sealed with the current key, or as is without one. */
    public String seal(String nodeId, String secret) {
        if (currentId == null) {
            return secret;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(nodeId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The secret from its stored form; values stored in clear are returned as they are. */
    public String open(String nodeId, String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        String keyId = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            // Never echo the stored value.
            throw new IllegalStateException("a secret of node " + nodeId + " is sealed with key " + keyId
                    + ", which is neither INGEST_SECRETS_KEY nor in INGEST_SECRETS_OLD_KEYS");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(nodeId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed secret of node " + nodeId + " does not open with key " + keyId
                    + " (tampered, or copied from another node)");
        }
    }

    /** Whether the stored form is already sealed with the current key (nothing to re-encrypt). */
    boolean isCurrent(String stored) {
        return currentId == null ? !stored.startsWith(PREFIX) : stored.startsWith(PREFIX + currentId + ":");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("INGEST_SECRETS_KEY / INGEST_SECRETS_OLD_KEYS must be base64");
        }
    }

    private static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[" + (currentId == null ? "no key: secrets in clear" : "key " + currentId) + "]";
    }
}
