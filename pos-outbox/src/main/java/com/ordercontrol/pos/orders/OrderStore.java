package com.ordercontrol.pos.orders;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one class that reads and writes the {@code orders} table. */
@Repository
public class OrderStore {

    static final String SQL_STATEMENT_INSERT = """
            insert into orders (order_id, venue_id, currency, total, status, created_at)
            values (:orderId, :venueId, :currency, :total, 'open', :createdAt)
            returning order_number
            """;
    static final String SQL_QUERY_BY_ID = """
            select order_id, order_number, venue_id, currency, total, status, created_at, paid_at
            from orders where order_id = :orderId
            """;
    // FOR UPDATE: a second pay of the same order waits here, then sees it paid and gets 409.
    static final String SQL_QUERY_BY_ID_FOR_UPDATE = SQL_QUERY_BY_ID + "for update\n";
    static final String SQL_STATEMENT_MARK_PAID = """
            update orders set status = 'paid', paid_at = :paidAt
            where order_id = :orderId and status = 'open'
            """;

    static final String SQL_STATEMENT_MARK_VOID = """
            update orders set status = 'void', voided_at = :voidedAt
            where order_id = :orderId and status = 'open'
            """;

    private final JdbcClient jdbc;

    OrderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an open order; the database assigns its order number. */
    public Order insert(UUID orderId, String venueId, String currency, BigDecimal total, Instant createdAt) {
        long orderNumber = jdbc.sql(SQL_STATEMENT_INSERT)
                .param("orderId", orderId)
                .param("venueId", venueId)
                .param("currency", currency)
                .param("total", total)
                .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .query(Long.class)
                .single();
        return new Order(orderId, orderNumber, venueId, currency, total, Order.OPEN, createdAt, null);
    }

    public Optional<Order> find(UUID orderId) {
        return jdbc.sql(SQL_QUERY_BY_ID).param("orderId", orderId).query(OrderStore::order).optional();
    }

    /** Reads the order and locks its row until the current transaction ends. */
    public Optional<Order> lock(UUID orderId) {
        return jdbc.sql(SQL_QUERY_BY_ID_FOR_UPDATE).param("orderId", orderId).query(OrderStore::order).optional();
    }

    /** Marks an open order paid; false when it was not open (the caller's lock makes that a bug). */
    public boolean markPaid(UUID orderId, Instant paidAt) {
        return jdbc.sql(SQL_STATEMENT_MARK_PAID)
                .param("orderId", orderId)
                .param("paidAt", OffsetDateTime.ofInstant(paidAt, ZoneOffset.UTC))
                .update() == 1;
    }

    /** Marks an open order void; false when it was not open (the caller's lock makes that a bug). */
    public boolean markVoid(UUID orderId, Instant voidedAt) {
        return jdbc.sql(SQL_STATEMENT_MARK_VOID)
                .param("orderId", orderId)
                .param("voidedAt", OffsetDateTime.ofInstant(voidedAt, ZoneOffset.UTC))
                .update() == 1;
    }

    private static Order order(ResultSet rs, int row) throws SQLException {
        OffsetDateTime paidAt = rs.getObject("paid_at", OffsetDateTime.class);
        return new Order(rs.getObject("order_id", UUID.class), rs.getLong("order_number"), rs.getString("venue_id"),
                rs.getString("currency"), rs.getBigDecimal("total"), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), paidAt == null ? null : paidAt.toInstant());
    }
}
