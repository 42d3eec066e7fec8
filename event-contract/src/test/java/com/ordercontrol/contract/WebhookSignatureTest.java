package com.ordercontrol.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.contract.WebhookVerifier.Result;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant SIGNED_AT = Instant.ofEpochSecond(SigningVectors.TIMESTAMP);
    private final WebhookSigner devSecret = WebhookSigner.withSecret("dev-secret");

    private static WebhookVerifier at(Instant now) {
        return WebhookVerifier.withClock(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void signsLikeOpensslOverIdTimestampAndBody() {
        assertThat(devSecret.sign("evt-1", SigningVectors.TIMESTAMP, SigningVectors.body()))
                .isEqualTo(SigningVectors.WEBHOOK_SIGNATURE);
    }

    @Test
    void matchesTheSpecificationsReferenceVectorForWhsecSecrets() {
        // The example of the Standard Webhooks reference libraries; also reproduced with openssl -macopt hexkey.
        WebhookSigner signer = WebhookSigner.withSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        assertThat(signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void headersCarryIdTimestampAndSignature() {
        assertThat(devSecret.headers("evt-1", SIGNED_AT.plusMillis(999), SigningVectors.body())).containsExactly(
                java.util.Map.entry("webhook-id", "evt-1"),
                java.util.Map.entry("webhook-timestamp", Long.toString(SigningVectors.TIMESTAMP)),
                java.util.Map.entry("webhook-signature", SigningVectors.WEBHOOK_SIGNATURE));
    }

    @Test
    void acceptsWithinFiveMinutesBothWays() {
        for (Instant now : List.of(SIGNED_AT, SIGNED_AT.plus(Duration.ofMinutes(5)), SIGNED_AT.minus(Duration.ofMinutes(5)))) {
            assertThat(at(now).verify(List.of(devSecret), "evt-1", Long.toString(SigningVectors.TIMESTAMP),
                    SigningVectors.WEBHOOK_SIGNATURE, SigningVectors.body())).isEqualTo(Result.VALID);
        }
    }

    @Test
    void refusesSixMinutesOldOrSixMinutesAhead() {
        String ts = Long.toString(SigningVectors.TIMESTAMP);
        assertThat(at(SIGNED_AT.plus(Duration.ofMinutes(6))).verify(List.of(devSecret), "evt-1", ts,
                SigningVectors.WEBHOOK_SIGNATURE, SigningVectors.body())).isEqualTo(Result.TIMESTAMP_OUT_OF_TOLERANCE);
        assertThat(at(SIGNED_AT.minus(Duration.ofMinutes(6))).verify(List.of(devSecret), "evt-1", ts,
                SigningVectors.WEBHOOK_SIGNATURE, SigningVectors.body())).isEqualTo(Result.TIMESTAMP_OUT_OF_TOLERANCE);
    }

    @Test
    void acceptsAnyOfSeveralSignaturesAndAnyOfSeveralKeys() {
        String ts = Long.toString(SigningVectors.TIMESTAMP);
        String oldAndNew = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SigningVectors.WEBHOOK_SIGNATURE;
        assertThat(at(SIGNED_AT).verify(List.of(devSecret), "evt-1", ts, oldAndNew, SigningVectors.body()))
                .isEqualTo(Result.VALID);
        assertThat(at(SIGNED_AT).verify(List.of(WebhookSigner.withSecret("new-secret"), devSecret), "evt-1", ts,
                SigningVectors.WEBHOOK_SIGNATURE, SigningVectors.body())).isEqualTo(Result.VALID);
    }

    @Test
    void refusesWrongKeyTamperedIdAndMalformedHeaders() {
        String ts = Long.toString(SigningVectors.TIMESTAMP);
        WebhookVerifier verifier = at(SIGNED_AT);
        assertThat(verifier.verify(List.of(WebhookSigner.withSecret("other")), "evt-1", ts,
                SigningVectors.WEBHOOK_SIGNATURE, SigningVectors.body())).isEqualTo(Result.NO_MATCH);
        assertThat(verifier.verify(List.of(devSecret), "evt-2", ts, SigningVectors.WEBHOOK_SIGNATURE,
                SigningVectors.body())).isEqualTo(Result.NO_MATCH);
        assertThat(verifier.verify(List.of(devSecret), null, null, null, SigningVectors.body()))
                .isEqualTo(Result.MISSING);
        assertThat(verifier.verify(List.of(devSecret), "evt-1", "soon", SigningVectors.WEBHOOK_SIGNATURE,
                SigningVectors.body())).isEqualTo(Result.MALFORMED);
        assertThat(verifier.verify(List.of(devSecret), "evt-1", ts, "v1,not base64!", SigningVectors.body()))
                .isEqualTo(Result.MALFORMED);
        assertThat(verifier.verify(List.of(devSecret), "evt-1", ts, "v2,abc", SigningVectors.body()))
                .isEqualTo(Result.MALFORMED);
    }
}
