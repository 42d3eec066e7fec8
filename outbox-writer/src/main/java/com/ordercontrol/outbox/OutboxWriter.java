package com.ordercontrol.outbox;

import com.ordercontrol.outbox.internal.OutboxTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Writes an event to the transactional outbox <em>in the caller's transaction</em>, with plain JDBC.
 *
 * <p>Call it from your pay flow on the same connection, after your own INSERTs and before your COMMIT:
 * <pre>{@code
 * OutboxWriter outbox = OutboxWriter.jdbc();
 * connection.setAutoCommit(false);
 * // ... insert payments, mark the order paid ...
 * outbox.write(connection, OutboxEvent.orderPaid(venueId, orderPaid, paidAt));
 * connection.commit();   // the payment and its event become visible together, or neither does
 * }</pre>
 * The writer never commits, rolls back or closes the connection, and never calls the network: its
 * only work is one INSERT. If your transaction rolls back, the event is gone with it.
 *
 * <p>For code that runs in a Spring-managed transaction use {@link #spring(DataSource)} instead.
 * Instances are immutable and thread-safe.
 */
public final class OutboxWriter {

    private static final OutboxWriter INSTANCE = new OutboxWriter();

    private OutboxWriter() {
    }

    /** The plain-JDBC writer. */
    public static OutboxWriter jdbc() {
        return INSTANCE;
    }

    /** A writer that joins the current Spring transaction on {@code dataSource}; see {@link SpringOutboxWriter}. */
    public static SpringOutboxWriter spring(DataSource dataSource) {
        return SpringOutboxWriter.of(dataSource);
    }

    /**
     * Inserts {@code event} on {@code connection}, inside the transaction the connection is in.
     *
     * @throws IllegalStateException if the connection is in auto-commit mode: the row would be committed
     *                               on its own, not together with the payment, and could describe a
     *                               payment that later fails
     * @throws SQLException          if the INSERT fails (for example a repeated event id); the caller's
     *                               transaction should then be rolled back
     */
    public void write(Connection connection, OutboxEvent event) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(event, "event");
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("OutboxWriter needs the caller's transaction, but the connection is in "
                    + "auto-commit mode; call connection.setAutoCommit(false) before the payment's INSERTs and "
                    + "commit after writing the event");
        }
        OutboxTable.insert(connection, event);
    }
}
