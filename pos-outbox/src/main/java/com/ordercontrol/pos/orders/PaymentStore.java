package com.ordercontrol.pos.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one class that reads and writes the {@code payments} table (payments belong to their order). */
@Repository
public class PaymentStore {

    static final String SQL_STATEMENT_INSERT = """
            insert into payments (payment_id, order_id, method, amount, tip, paid_at)
            values (:paymentId, :orderId, :method, :amount, :tip, :paidAt)
            """;
    static final String SQL_QUERY_BY_ORDER = """
            select payment_id, order_id, method, amount, tip, paid_at
            from payments where order_id = :orderId
            order by paid_at, payment_id
            """;

    // FOR UPDATE: concurrent refunds of one payment queue here, so each sees the refunds before it.
    static final String SQL_QUERY_BY_ID_FOR_UPDATE = """
            select payment_id, order_id, method, amount, tip, paid_at
            from payments where payment_id = :paymentId
            for update
            """;

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Payment payment) {
        jdbc.sql(SQL_STATEMENT_INSERT)
                .param("paymentId", payment.paymentId())
                .param("orderId", payment.orderId())
                .param("method", payment.method())
                .param("amount", payment.amount())
                .param("tip", payment.tip())
                .param("paidAt", OffsetDateTime.ofInstant(payment.paidAt(), ZoneOffset.UTC))
                .update();
    }

    /** Reads the payment and locks its row until the current transaction ends. */
    public Optional<Payment> lock(UUID paymentId) {
        return jdbc.sql(SQL_QUERY_BY_ID_FOR_UPDATE).param("paymentId", paymentId).query(PaymentStore::payment).optional();
    }

    public List<Payment> findByOrder(UUID orderId) {
        return jdbc.sql(SQL_QUERY_BY_ORDER).param("orderId", orderId).query(PaymentStore::payment).list();
    }

    private static Payment payment(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getObject("payment_id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getString("method"), rs.getBigDecimal("amount"), rs.getBigDecimal("tip"),
                rs.getObject("paid_at", OffsetDateTime.class).toInstant());
    }
}
