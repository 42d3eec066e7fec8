package com.ordercontrol.pos;

import com.ordercontrol.outbox.OutboxSchema;
import com.ordercontrol.outbox.OutboxWriter;
import com.ordercontrol.outbox.SpringOutboxWriter;
import java.time.Clock;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.StreamReadFeature;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * The reference POS HTTP API: create orders, pay them (writing the {@code order_paid} outbox row in
 * the pay transaction) and read the POS's own daily totals. Port 8081 by default.
 */
@SpringBootApplication
@EnableConfigurationProperties(PosProperties.class)
public class PosApplication {

    public static void main(String[] args) {
        SpringApplication.run(PosApplication.class, args);
    }

    @Bean
    SpringOutboxWriter outboxWriter(DataSource dataSource) {
        return OutboxWriter.spring(dataSource);
    }

    /**
     * At start-up: the outbox table first (its own history, shipped with the outbox writer, as any POS
     * embedding the writer does), then this POS's own tables (spring.flyway: pos_schema_history).
     */
    @Bean
    FlywayMigrationStrategy outboxThenPosTables() {
        return flyway -> {
            OutboxSchema.migrate(flyway.getConfiguration().getDataSource());
            flyway.migrate();
        };
    }

    /**
     * Request bodies with a key twice ({@code {"total":"1.00","total":"900.00"}}) are refused (400), never
     * read as "last wins", the same rule as the cloud's contract reader.
     */
    @Bean
    JsonMapperBuilderCustomizer strictDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** Payment times come from here, so tests can pin the business day. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
