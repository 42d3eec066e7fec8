package com.ordercontrol.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercontrol.relay.delivery.Verdict.Cause;
import com.ordercontrol.relay.queue.QueuedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReplyJudgeTest {

    private static final Instant NOW = Instant.parse("2026-02-19T18:00:00Z");
    private static final QueuedEvent A = event("00000000-0000-0000-0000-00000000000a");
    private static final QueuedEvent B = event("00000000-0000-0000-0000-00000000000b");
    private static final QueuedEvent C = event("00000000-0000-0000-0000-00000000000c");

    private static QueuedEvent event(String id) {
        return new QueuedEvent(1, UUID.fromString(id), "order_paid", ("{\"eventId\":\"" + id + "\"}")
                .getBytes(StandardCharsets.UTF_8), 0, 10, NOW, NOW);
    }

    private static CloudReply reply(int status, String body) {
        return new CloudReply(status, body, Optional.empty(), Optional.empty(), NOW);
    }

    @Test
    void aSingleEventIsDeliveredOnlyWhenTheAnswerNamesIt() {
        Judgement named = ReplyJudge.judge(List.of(A),
                reply(202, "{\"status\":\"accepted\",\"eventId\":\"" + A.eventId() + "\"}"));
        Judgement duplicate = ReplyJudge.judge(List.of(A),
                reply(202, "{\"status\":\"accepted\",\"eventId\":\"" + A.eventId() + "\",\"outcome\":\"duplicate\"}"));

        assertThat(named.perEvent()).containsExactly(new Verdict.Delivered(202));
        assertThat(duplicate.perEvent()).containsExactly(new Verdict.Delivered(202));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>Welcome to Cafe WiFi, please log in</body></html>", "", "{}",
            "{\"status\":\"accepted\",\"eventId\":\"someone-else\"}", "{\"results\":[]}"})
    void aTwoHundredThatNamesNoEventSentDeliversNothing(String body) {
        Judgement judgement = ReplyJudge.judge(List.of(A, B), reply(200, body));

        assertThat(judgement.perEvent()).isEmpty();
        assertThat(judgement.wholeRequest()).get().extracting(Verdict.Retry::cause).isEqualTo(Cause.UNCONFIRMED);
    }

    @Test
    void aBatchAnswerGivesEachEventItsOwnVerdict() {
        String body = """
                {"status":"processed","accepted":1,"duplicates":1,"refused":2,"results":[
                 {"index":0,"eventId":"%s","outcome":"accepted"},
                 {"index":1,"eventId":"%s","outcome":"refused","status":422,"reason":"unreadable_envelope: total"},
                 {"index":2,"eventId":"%s","outcome":"refused","status":403,"reason":"foreign_venue"}]}
                """.formatted(A.eventId(), B.eventId(), C.eventId());

        Judgement judgement = ReplyJudge.judge(List.of(A, B, C), reply(202, body));

        assertThat(judgement.wholeRequest()).isEmpty();
        assertThat(judgement.perEvent()).containsExactly(new Verdict.Delivered(202),
                new Verdict.Park(422, "unreadable_envelope: total"),
                new Verdict.Retry(Cause.CONFIGURATION, "HTTP 403: foreign_venue"));
    }

    @Test
    void anEventTheBatchAnswerDoesNotNameIsRetried() {
        String body = "{\"results\":[{\"index\":0,\"eventId\":\"%s\",\"outcome\":\"duplicate\"}]}".formatted(A.eventId());

        Judgement judgement = ReplyJudge.judge(List.of(A, B), reply(202, body));

        assertThat(judgement.perEvent().get(0)).isEqualTo(new Verdict.Delivered(202));
        assertThat(judgement.perEvent().get(1)).isInstanceOf(Verdict.Retry.class)
                .extracting(v -> ((Verdict.Retry) v).cause()).isEqualTo(Cause.UNCONFIRMED);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 413, 422})
    void theEventItselfRefusedParksASingleEventAndSplitsABatch(int status) {
        Judgement single = ReplyJudge.judge(List.of(A), reply(status, "{\"status\":" + status + ",\"error\":\"bad total\"}"));
        Judgement batch = ReplyJudge.judge(List.of(A, B), reply(status, "array bodies are not supported"));

        assertThat(single.perEvent()).containsExactly(new Verdict.Park(status, "bad total"));
        assertThat(batch.splitBatch()).isTrue();
        assertThat(batch.perEvent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 410, 405, 302})
    void configurationFaultsAreRetriedNeverParked(int status) {
        Judgement judgement = ReplyJudge.judge(List.of(A), reply(status, "node disabled"));

        assertThat(judgement.perEvent()).isEmpty();
        assertThat(judgement.wholeRequest()).contains(new Verdict.Retry(Cause.CONFIGURATION, "HTTP " + status + ": node disabled"));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504})
    void outagesAreRetriedWithTheCloudsRetryAfter(int status) {
        CloudReply reply = new CloudReply(status, "later", Optional.of(Duration.ofSeconds(1)), Optional.empty(), NOW);

        Judgement judgement = ReplyJudge.judge(List.of(A, B), reply);

        assertThat(judgement.wholeRequest()).contains(new Verdict.Retry(Cause.OUTAGE, "HTTP " + status + ": later"));
        assertThat(judgement.retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void networkErrorsAreAnOutage() {
        Judgement judgement = ReplyJudge.judge(List.of(A), CloudReply.unreachable("network: ConnectException", NOW));

        assertThat(judgement.wholeRequest()).contains(new Verdict.Retry(Cause.OUTAGE, "network: ConnectException"));
        assertThat(judgement.retryAfter()).isEmpty();
    }

    @Test
    void longBodiesAreShortenedForTheQueue() {
        Judgement judgement = ReplyJudge.judge(List.of(A), reply(500, "x".repeat(5000)));

        assertThat(judgement.wholeRequest().get().reason()).hasSize("HTTP 500: ".length() + 301);
    }
}
