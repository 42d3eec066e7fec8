package com.ordercontrol.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.contract.OrderPaid;
import com.ordercontrol.contract.PaymentLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxEventTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void orderPaidUsesTheOrderIdAsAggregateAndTheContractPayload() {
        OrderPaid paid = new OrderPaid("o-1", 1042, "USD", new BigDecimal("12.99"),
                List.of(new PaymentLine("p-1", "card", new BigDecimal("12.99"), new BigDecimal("2.00"), AT)));

        OutboxEvent event = OutboxEvent.orderPaid("venue-1", paid, AT);

        assertThat(event.eventType()).isEqualTo("order_paid");
        assertThat(event.aggregateId()).isEqualTo("o-1");
        assertThat(event.venueId()).isEqualTo("venue-1");
        assertThat(event.occurredAt()).isEqualTo(AT);
        assertThat(event.payload()).isEqualTo(paid.toJson());
        assertThat(event.payload().get("total").asText()).isEqualTo("12.99");
    }

    @Test
    void eachEventGetsItsOwnId() {
        var payload = ContractJson.mapper().createObjectNode();
        assertThat(OutboxEvent.of("t", "v", "a", AT, payload).eventId())
                .isNotEqualTo(OutboxEvent.of("t", "v", "a", AT, payload).eventId());
    }

    @Test
    void refusesWhatTheCloudWouldRefuse() {
        var object = ContractJson.mapper().createObjectNode();
        assertThatThrownBy(() -> OutboxEvent.of("order paid", "venue-1", "a", AT, object))
                .hasMessageContaining("eventType");
        assertThatThrownBy(() -> OutboxEvent.of("order_paid", "", "a", AT, object))
                .hasMessageContaining("venueId");
        assertThatThrownBy(() -> OutboxEvent.of("order_paid", "venue-1", " ", AT, object))
                .hasMessageContaining("aggregateId");
        assertThatThrownBy(() -> OutboxEvent.of("order_paid", "venue-1", "a", AT,
                ContractJson.mapper().createArrayNode()))
                .hasMessageContaining("payload must be a JSON object");
        assertThatThrownBy(() -> OutboxEvent.of("order_paid", "venue-1", "a", null, object))
                .hasMessageContaining("occurredAt");
    }
}
