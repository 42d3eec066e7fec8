package com.ordercontrol.ingest;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bulkheads: the facts consumer and the finance report each get their own small connection pool to the
 * cloud database, beside Boot's pool ({@code spring.datasource.hikari.*}, pool {@code ingest-http}) that
 * the ingest path, the admin command and Flyway use. A report flood or a slow facts batch can then never
 * take the connections an ingest request needs, and the other way round. The extra pools are not default
 * candidates, so Boot still creates its own and they are injected only by qualifier.
 */
@Configuration(proxyBeanMethods = false)
class DatabasePools {

    static final String FACTS = "factsDataSource";
    static final String REPORTS = "reportsDataSource";

    @Bean(name = FACTS, defaultCandidate = false, destroyMethod = "close")
    @Qualifier(FACTS)
    HikariDataSource factsDataSource(DataSourceProperties properties, IngestSettings settings) {
        HikariDataSource pool = pool(properties, "ingest-facts", settings.factsPoolSize());
        // The facts writer inserts in JDBC batches: sent as multi-row INSERTs, one round trip per few hundred rows.
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        return pool;
    }

    @Bean(name = REPORTS, defaultCandidate = false, destroyMethod = "close")
    @Qualifier(REPORTS)
    HikariDataSource reportsDataSource(DataSourceProperties properties, IngestSettings settings) {
        return pool(properties, "ingest-reports", settings.reportsPoolSize());
    }

    private static HikariDataSource pool(DataSourceProperties properties, String name, int size) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName(name);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(5_000);
        return pool;
    }
}
