package com.ordercontrol.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventSignerTest {

    private final EventSigner signer = EventSigner.withSecret("dev-secret");

    @Test
    void signsLikeOpensslHmacOverTheExactBody() {
        assertThat(signer.signatureHeader(SigningVectors.body())).isEqualTo(SigningVectors.SEED_SIGNATURE);
    }

    @Test
    void verifierAcceptsTheOpensslSignature() {
        assertThat(SignatureVerifier.matches(signer, SigningVectors.body(), SigningVectors.SEED_SIGNATURE)).isTrue();
    }

    @Test
    void rejectsTamperedBodyWrongSecretAndMalformedHeaders() {
        byte[] tampered = SigningVectors.BODY.replace("12.99", "12.98").getBytes(StandardCharsets.UTF_8);
        assertThat(SignatureVerifier.matches(signer, tampered, SigningVectors.SEED_SIGNATURE)).isFalse();
        assertThat(SignatureVerifier.matches(EventSigner.withSecret("other"), SigningVectors.body(),
                SigningVectors.SEED_SIGNATURE)).isFalse();
        assertThat(SignatureVerifier.isWellFormed(null)).isFalse();
        assertThat(SignatureVerifier.isWellFormed("b0150c239bbf939ed86a4846321f0765c8aa76727fd6b34d4b2e9c9f11ece806"))
                .isFalse();
        assertThat(SignatureVerifier.isWellFormed("sha256=zz")).isFalse();
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(signer.toString()).doesNotContain("dev-secret");
        assertThat(WebhookSigner.withSecret("dev-secret").toString()).doesNotContain("dev-secret");
    }
}
