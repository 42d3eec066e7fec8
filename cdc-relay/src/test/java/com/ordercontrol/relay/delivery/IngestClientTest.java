package com.ordercontrol.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.relay.queue.QueuedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IngestClientTest {

    private static final Instant NOW = Instant.parse("2026-02-19T18:00:00Z");

    private static QueuedEvent event(String id, String json) {
        return new QueuedEvent(1, UUID.fromString(id), "order_paid", json.getBytes(StandardCharsets.UTF_8), 0, 10, NOW, NOW);
    }

    @Test
    void oneEventIsSentAsItsEnvelopeSeveralAsAnArrayOfTheExactBytes() {
        QueuedEvent a = event("00000000-0000-0000-0000-00000000000a", "{\"eventId\":\"a\", \"total\":12.990}");
        QueuedEvent b = event("00000000-0000-0000-0000-00000000000b", "{\"eventId\":\"b\"}");

        assertThat(new String(IngestClient.body(List.of(a)), StandardCharsets.UTF_8))
                .isEqualTo("{\"eventId\":\"a\", \"total\":12.990}");
        assertThat(new String(IngestClient.body(List.of(a, b)), StandardCharsets.UTF_8))
                .isEqualTo("[{\"eventId\":\"a\", \"total\":12.990},{\"eventId\":\"b\"}]");
        assertThat(IngestClient.arrayLength(List.of(a, b))).isEqualTo(IngestClient.body(List.of(a, b)).length);
        assertThat(IngestClient.webhookId(List.of(a))).isEqualTo("00000000-0000-0000-0000-00000000000a");
        assertThat(IngestClient.webhookId(List.of(a, b))).matches("batch_00000000-0000-0000-0000-00000000000a_2_[0-9a-f]{16}");
    }

    @Test
    void theBatchIdChangesWithTheContentNotOnlyWithTheFirstEventAndCount() {
        QueuedEvent a = event("00000000-0000-0000-0000-00000000000a", "{}");
        QueuedEvent b = event("00000000-0000-0000-0000-00000000000b", "{}");
        QueuedEvent c = event("00000000-0000-0000-0000-00000000000c", "{}");

        assertThat(IngestClient.webhookId(List.of(a, b))).isEqualTo(IngestClient.webhookId(List.of(a, b)))
                .isNotEqualTo(IngestClient.webhookId(List.of(a, c)));
    }

    @Test
    void aRequestTakesTheFirstEventsWithinTheEventAndByteLimitsButAlwaysOne() {
        QueuedEvent small = event("00000000-0000-0000-0000-00000000000a", "x".repeat(9));      // 10 bytes in an array
        QueuedEvent big = event("00000000-0000-0000-0000-00000000000b", "x".repeat(200));
        List<QueuedEvent> smalls = List.of(small, small, small, small, small);

        assertThat(IngestClient.fitting(smalls, 3, 1000)).isEqualTo(3);          // the event limit
        assertThat(IngestClient.fitting(smalls, 10, 1 + 10 * 4)).isEqualTo(4);   // "[" + 4 x (9 bytes + separator)
        assertThat(IngestClient.fitting(smalls, 10, 1 + 10 * 4 - 1)).isEqualTo(3);
        assertThat(IngestClient.fitting(List.of(big, small), 10, 100)).as("one event always goes").isEqualTo(1);
        assertThat(IngestClient.fitting(List.of(small, big), 10, 100)).isEqualTo(1);
    }

    @Test
    void readsRetryAfterAsSecondsOrAsADate() {
        assertThat(IngestClient.retryAfter("5", NOW)).contains(Duration.ofSeconds(5));
        assertThat(IngestClient.retryAfter("Thu, 19 Feb 2026 18:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(IngestClient.retryAfter("soon", NOW)).isEmpty();
    }

    @Test
    void clockSkewIsTheNucMinusTheMiddleOfTheCloudsSecond() {
        Optional<Instant> date = IngestClient.httpDate("Thu, 19 Feb 2026 17:55:00 GMT");
        CloudReply reply = new CloudReply(202, "", Optional.empty(), date, NOW.plusMillis(700));

        assertThat(reply.clockSkewMillis()).contains(300_000L + 700 - 500);
    }
}
