package com.ordercontrol.ingest.stream;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the applied topic settings a bean, so the topic is checked before the web server and the
 * consumer start. Only the admin command turns it off ({@code ingest.apply-topic-settings=false}),
 * since it does not touch Kafka and should work while Kafka is away.
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    @ConditionalOnProperty(name = "ingest.apply-topic-settings", havingValue = "true", matchIfMissing = true)
    TopicSettings appliedTopicSettings(TopicInitializer initializer) {
        return initializer.apply();
    }
}
