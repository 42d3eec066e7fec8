package com.ordercontrol.outbox.internal;

import com.ordercontrol.contract.ContractJson;
import com.ordercontrol.outbox.OutboxEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one class that writes the {@code outbox_event} table. Not part of the public API: use
 * {@link com.ordercontrol.outbox.OutboxWriter} or {@link com.ordercontrol.outbox.SpringOutboxWriter}.
 */
public final class OutboxTable {

    /** {@code created_at} is left to the database clock: the relay's retention and sweep use it. */
    static final String SQL_STATEMENT_INSERT = """
            insert into outbox_event (event_id, event_type, venue_id, aggregate_id, occurred_at, payload)
            values (?, ?, ?, ?, ?, cast(? as jsonb))
            """;

    private OutboxTable() {
    }

    /** Inserts one row on the given connection, in whatever transaction it is in. */
    public static void insert(Connection connection, OutboxEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(SQL_STATEMENT_INSERT)) {
            insert.setObject(1, event.eventId());
            insert.setString(2, event.eventType());
            insert.setString(3, event.venueId());
            insert.setString(4, event.aggregateId());
            // An explicit UTC offset: correct whatever the JVM's default time zone is.
            insert.setObject(5, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
            // Written with the contract's mapper so decimals keep their exact text.
            insert.setString(6, new String(ContractJson.write(event.payload()), StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }
}
