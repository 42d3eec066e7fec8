package com.ordercontrol.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.contract.WebhookVerifier.Result;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10 item 2: a forged header cannot multiply the verification work, and ids are bounded. */
class WebhookVerifierLimitsTest {

    private static final Instant NOW = Instant.ofEpochSecond(SigningVectors.TIMESTAMP);
    private static final String TS = Long.toString(SigningVectors.TIMESTAMP);
    private static final String BOGUS = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
    private final WebhookSigner devSecret = WebhookSigner.withSecret("dev-secret");
    private final WebhookVerifier verifier = WebhookVerifier.withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    private Result verify(String id, String signatures, byte[] body) {
        return verifier.verify(List.of(devSecret), id, TS, signatures, body);
    }

    @Test
    void atMostFourSignaturesPerHeader() {
        String four = String.join(" ", BOGUS, BOGUS, BOGUS, SigningVectors.WEBHOOK_SIGNATURE);
        assertThat(verify("evt-1", four, SigningVectors.body())).isEqualTo(Result.VALID);
        assertThat(verify("evt-1", BOGUS + " " + four, SigningVectors.body())).isEqualTo(Result.TOO_MANY_SIGNATURES);
    }

    @Test
    void theWebhookIdIsOneTo256PrintableAsciiCharacters() {
        byte[] body = SigningVectors.body();
        String longest = "m".repeat(256);
        assertThat(verify(longest, devSecret.sign(longest, SigningVectors.TIMESTAMP, body), body)).isEqualTo(Result.VALID);
        String tooLong = "m".repeat(257);
        assertThat(verify(tooLong, devSecret.sign(tooLong, SigningVectors.TIMESTAMP, body), body))
                .isEqualTo(Result.MALFORMED);
        assertThat(verify("msg 1", devSecret.sign("msg 1", SigningVectors.TIMESTAMP, body), body))
                .isEqualTo(Result.MALFORMED);
    }

    /** Timed with the fastest of several runs, so a loaded machine only makes it slower, not flaky. */
    @Test
    void oneHmacPerKeyHoweverManySignaturesArePresented() {
        byte[] body = new byte[4 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        String four = String.join(" ", Collections.nCopies(4, BOGUS));
        long one = fastest(() -> verify("evt-1", BOGUS, body));
        long many = fastest(() -> verify("evt-1", four, body));
        // One HMAC either way; the previous code computed one per presented value (4x).
        assertThat((double) many).as("4 values: %d ns, 1 value: %d ns", many, one).isLessThan(2.0 * one);
    }

    static long fastest(Runnable work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
