/**
 * The transactional outbox for POS developers: write an {@link com.ordercontrol.outbox.OutboxEvent} in
 * the same database transaction as the payment, with {@link com.ordercontrol.outbox.OutboxWriter#jdbc()}
 * (plain JDBC) or {@link com.ordercontrol.outbox.SpringOutboxWriter} (Spring transactions). The relay
 * delivers committed rows to the cloud; a rolled-back payment leaves no event. Everything under
 * {@code internal} may change without notice.
 */
package com.ordercontrol.outbox;
