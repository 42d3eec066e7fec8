package com.ordercontrol.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryOutcomeTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void anyTwoHundredIsAccepted(int status) {
        assertThat(DeliveryOutcome.of(status, "")).isEqualTo(new DeliveryOutcome.Accepted(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504, 301, 302})
    void timeoutsThrottlingServerErrorsAndRedirectsAreRetried(int status) {
        assertThat(DeliveryOutcome.of(status, "try later")).isInstanceOf(DeliveryOutcome.Transient.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 413, 422})
    void otherClientErrorsAreRefusedWithTheirReason(int status) {
        assertThat(DeliveryOutcome.of(status, " node disabled \n"))
                .isEqualTo(new DeliveryOutcome.Refused(status, "node disabled"));
    }

    @Test
    void longBodiesAreShortenedForTheQueue() {
        DeliveryOutcome outcome = DeliveryOutcome.of(403, "x".repeat(5000));

        assertThat(((DeliveryOutcome.Refused) outcome).reason()).hasSize(301);
    }
}
