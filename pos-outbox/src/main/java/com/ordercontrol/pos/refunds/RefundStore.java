package com.ordercontrol.pos.refunds;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one class that reads and writes the {@code refunds} table. */
@Repository
class RefundStore {

    static final String SQL_STATEMENT_INSERT = """
            insert into refunds (refund_id, payment_id, amount, reason, refunded_at)
            values (:refundId, :paymentId, :amount, :reason, :refundedAt)
            """;
    static final String SQL_QUERY_REFUNDED = """
            select coalesce(sum(amount), 0) from refunds where payment_id = :paymentId
            """;

    private final JdbcClient jdbc;

    RefundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Refund refund) {
        jdbc.sql(SQL_STATEMENT_INSERT)
                .param("refundId", refund.refundId())
                .param("paymentId", refund.paymentId())
                .param("amount", refund.amount())
                .param("reason", refund.reason())
                .param("refundedAt", OffsetDateTime.ofInstant(refund.refundedAt(), ZoneOffset.UTC))
                .update();
    }

    /** What was already refunded on a payment; read under the payment's row lock, so it cannot change. */
    BigDecimal refundedSoFar(UUID paymentId) {
        return jdbc.sql(SQL_QUERY_REFUNDED).param("paymentId", paymentId).query(BigDecimal.class).single();
    }
}
