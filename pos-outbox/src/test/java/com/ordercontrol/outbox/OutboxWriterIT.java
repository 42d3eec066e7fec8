package com.ordercontrol.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.pos.support.PosIntegrationTest;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Both writer forms on a real PostgreSQL: they join the caller's transaction, and refuse when there is none. */
class OutboxWriterIT extends PosIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void jdbcWriterRefusesAConnectionInAutoCommitMode() throws Exception {
        OutboxEvent event = event();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);

            assertThatThrownBy(() -> OutboxWriter.jdbc().write(connection, event))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("auto-commit");
        }
        assertThat(rows(event)).isZero();
    }

    @Test
    void jdbcWriterRowCommitsAndRollsBackWithTheCallersTransaction() throws Exception {
        OutboxEvent rolledBack = event();
        OutboxEvent committed = event();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            OutboxWriter.jdbc().write(connection, rolledBack);
            connection.rollback();
            OutboxWriter.jdbc().write(connection, committed);
            assertThat(rows(committed)).as("invisible to others before COMMIT").isZero();
            connection.commit();
            connection.setAutoCommit(true);
        }
        assertThat(rows(rolledBack)).isZero();
        assertThat(rows(committed)).isEqualTo(1);
        var stored = jdbc.sql("""
                select event_type, venue_id, aggregate_id, occurred_at, payload::text
                from outbox_event where event_id = ?""").param(committed.eventId()).query().singleRow();
        assertThat(stored.get("event_type")).isEqualTo("test_event");
        assertThat(stored.get("venue_id")).isEqualTo("venue-9");
        assertThat(stored.get("aggregate_id")).isEqualTo("agg-1");
        assertThat(((java.sql.Timestamp) stored.get("occurred_at")).toInstant()).isEqualTo(committed.occurredAt());
        JsonNode payload = ContractJson.read((String) stored.get("payload"));
        assertThat(payload.get("amount").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(payload.get("amount").decimalValue().toPlainString()).isEqualTo("0.10");
        assertThat(payload.get("note").asText()).isEqualTo("exact");
    }

    @Test
    void springWriterRefusesToRunOutsideATransaction() {
        OutboxEvent event = event();

        assertThatThrownBy(() -> OutboxWriter.spring(dataSource).write(event))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a Spring transaction");
        assertThat(rows(event)).isZero();
    }

    @Test
    void springWriterJoinsTheCurrentTransaction() {
        SpringOutboxWriter writer = SpringOutboxWriter.of(dataSource);
        TransactionTemplate template = new TransactionTemplate(transactions);
        OutboxEvent rolledBack = event();
        OutboxEvent committed = event();

        template.executeWithoutResult(status -> {
            writer.write(rolledBack);
            status.setRollbackOnly();
        });
        template.executeWithoutResult(status -> writer.write(committed));

        assertThat(rows(rolledBack)).isZero();
        assertThat(rows(committed)).isEqualTo(1);
    }

    @Test
    void aConstraintViolationInTheTransactionLeavesNoRow() {
        SpringOutboxWriter writer = SpringOutboxWriter.of(dataSource);
        OutboxEvent event = event();

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            writer.write(event);
            writer.write(event); // same event_id: primary key violation, after the first row was inserted
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(rows(event)).isZero();
    }

    private long rows(OutboxEvent event) {
        return jdbc.sql("select count(*) from outbox_event where event_id = ?").param(event.eventId())
                .query(Long.class).single();
    }

    private static OutboxEvent event() {
        try {
            JsonNode payload = ContractJson.read("{\"amount\":0.10,\"note\":\"exact\"}");
            return new OutboxEvent(UUID.randomUUID(), "test_event", "venue-9", "agg-1",
                    Instant.parse("2026-11-24T01:02:03.456789Z"), payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
