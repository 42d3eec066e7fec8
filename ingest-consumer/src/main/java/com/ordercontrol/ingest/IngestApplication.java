package com.ordercontrol.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The cloud side of the pipeline: the signed ingest endpoint, the Kafka-to-facts consumer and the
 * finance report. With a first argument {@code admin} or {@code replay} it runs that command instead
 * of serving (no web server, no live consumer) and exits with the command's status.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
