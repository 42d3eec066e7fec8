package com.ordercontrol.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Issue 10 item 7: node secrets sealed with AES-GCM under a key from the environment. */
class SecretCipherTest {

    static final String KEY_1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String KEY_2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    void sealsWithARandomNonceAndOpensForTheSameNodeOnly() {
        SecretCipher cipher = SecretCipher.of(KEY_1, null);
        String once = cipher.seal("node-1", "dev-secret");
        String twice = cipher.seal("node-1", "dev-secret");
        assertThat(once).startsWith("aesgcm:v1:").doesNotContain("dev-secret").isNotEqualTo(twice);
        assertThat(cipher.open("node-1", once)).isEqualTo("dev-secret");
        assertThatThrownBy(() -> cipher.open("node-2", once)).hasMessageContaining("does not open")
                .hasMessageNotContaining(once);
    }

    @Test
    void anOldKeyStillOpensDuringARotationAndAMissingKeyIsNamed() {
        String sealedWithOld = SecretCipher.of(KEY_1, null).seal("node-1", "s3cret-value");
        SecretCipher rotated = SecretCipher.of(KEY_2, KEY_1);
        assertThat(rotated.open("node-1", sealedWithOld)).isEqualTo("s3cret-value");
        assertThat(rotated.isCurrent(sealedWithOld)).isFalse();
        assertThat(rotated.isCurrent(rotated.seal("node-1", "s3cret-value"))).isTrue();
        assertThatThrownBy(() -> SecretCipher.of(KEY_2, null).open("node-1", sealedWithOld))
                .hasMessageContaining("INGEST_SECRETS_OLD_KEYS");
    }

    @Test
    void withoutAKeySecretsStayInClearAndClearRowsAlwaysOpen() {
        SecretCipher none = SecretCipher.of(null, null);
        assertThat(none.encrypts()).isFalse();
        assertThat(none.seal("node-1", "dev-secret")).isEqualTo("dev-secret");
        assertThat(SecretCipher.of(KEY_1, null).open("node-1", "dev-secret")).isEqualTo("dev-secret");
        assertThatThrownBy(() -> SecretCipher.of("c2hvcnQ=", null)).hasMessageContaining("32 bytes");
        assertThat(SecretCipher.of(KEY_1, null).toString()).doesNotContain(KEY_1);
    }
}
