package com.ordercontrol.ingest.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the applied topic settings a bean, so the topic is checked before anything uses it. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    TopicSettings appliedTopicSettings(TopicInitializer initializer) {
        return initializer.apply();
    }
}
