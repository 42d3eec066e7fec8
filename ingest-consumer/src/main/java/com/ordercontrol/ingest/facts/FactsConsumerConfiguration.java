package com.ordercontrol.ingest.facts;

import com.ordercontrol.ingest.IngestSettings;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Wiring of the facts consumer: the writer (on its own connection pool, see DatabasePools) and an error
 * handler that never skips a record.
 */
@Configuration(proxyBeanMethods = false)
class FactsConsumerConfiguration {

    @Bean
    FactWriter factWriter(@Qualifier("factsDataSource") DataSource dataSource) {
        return new FactWriter(dataSource);
    }

    /**
     * Boot's listener container factory picks this up. Record problems never reach it (invalid payloads
     * become dead letters inside the transaction, and {@link PoisonIsolator} dead-letters a record the
     * database refuses), so whatever does is an infrastructure failure (database down, connection lost):
     * retry the same batch after a pause, without limit, and commit nothing meanwhile.
     */
    @Bean
    CommonErrorHandler factsErrorHandler(IngestSettings settings) {
        DefaultErrorHandler handler = new DefaultErrorHandler(
                new FixedBackOff(settings.retryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }
}
