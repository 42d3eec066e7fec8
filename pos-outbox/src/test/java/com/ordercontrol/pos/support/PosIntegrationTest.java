package com.ordercontrol.pos.support;

import com.ordercontrol.pos.PosApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole POS app on a random port over a real PostgreSQL, migrated
 * by Flyway at start. All subclasses share one Spring context and one database, so each test works on
 * orders it creates itself and asserts on those rows only.
 */
@SpringBootTest(classes = PosApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PosIntegrationTest.Clocks.class)
public abstract class PosIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    protected PosApi api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @BeforeEach
    void connectApi() {
        api = new PosApi(port);
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    protected long outboxRows(String orderId) {
        return jdbc.sql("select count(*) from outbox_event where aggregate_id = ?").param(orderId).query(Long.class).single();
    }

    protected long paymentRows(String orderId) {
        return jdbc.sql("select count(*) from payments where order_id = ?::uuid").param(orderId).query(Long.class).single();
    }

    protected long refundRows(String paymentId) {
        return jdbc.sql("select count(*) from refunds where payment_id = ?::uuid").param(paymentId).query(Long.class).single();
    }

    protected long allOutboxRows() {
        return jdbc.sql("select count(*) from outbox_event").query(Long.class).single();
    }

    protected String orderStatus(String orderId) {
        return jdbc.sql("select status from orders where order_id = ?::uuid").param(orderId).query(String.class).single();
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
