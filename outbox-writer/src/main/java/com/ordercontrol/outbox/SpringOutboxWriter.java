package com.ordercontrol.outbox;

import com.ordercontrol.outbox.internal.OutboxTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes an event to the transactional outbox in the <em>current Spring transaction</em> on a
 * {@link DataSource}, on the same connection as your {@code JdbcTemplate}/{@code JdbcClient} calls.
 *
 * <pre>{@code
 * @Transactional
 * public void pay(...) {
 *     // ... insert payments, mark the order paid (JdbcClient on the same DataSource) ...
 *     outbox.write(OutboxEvent.orderPaid(venueId, orderPaid, paidAt));
 * }
 * }</pre>
 * Outside a transaction it refuses to write: the row would commit on its own and could describe a
 * payment that is later rolled back. Register one as a bean with {@link #of(DataSource)}. Instances are
 * immutable and thread-safe.
 */
public final class SpringOutboxWriter {

    private final DataSource dataSource;
    private final SQLExceptionTranslator translator = new SQLExceptionSubclassTranslator();

    private SpringOutboxWriter(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A writer for the transactions Spring manages on {@code dataSource}. */
    public static SpringOutboxWriter of(DataSource dataSource) {
        return new SpringOutboxWriter(dataSource);
    }

    /**
     * Inserts {@code event} in the current transaction.
     *
     * @throws IllegalStateException if no Spring transaction is active on this writer's DataSource
     * @throws DataAccessException   if the INSERT fails; the surrounding transaction is then rolled back
     *                               by Spring as usual
     */
    public void write(OutboxEvent event) {
        Objects.requireNonNull(event, "event");
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("SpringOutboxWriter must run inside a Spring transaction (for example a "
                    + "@Transactional method) so the event commits or rolls back with the payment");
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            // A transaction may be active on another resource only (say a different DataSource):
            // then this connection would auto-commit the row on its own.
            if (!DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
                throw new IllegalStateException("SpringOutboxWriter found a Spring transaction, but not one on its "
                        + "DataSource; run the write in a transaction managed for that DataSource");
            }
            OutboxTable.insert(connection, event);
        } catch (SQLException e) {
            DataAccessException translated = translator.translate("outbox insert", null, e);
            throw translated != null ? translated : new IllegalStateException("outbox insert failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
