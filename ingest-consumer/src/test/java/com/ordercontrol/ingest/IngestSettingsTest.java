package com.ordercontrol.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    private static IngestSettings with(String topic, int maxBody, Duration produceTimeout) {
        return new IngestSettings(topic, maxBody, produceTimeout, Duration.ofMinutes(5), true, "g", Duration.ofSeconds(1),
                "classpath:kafka/topics.properties", true, true);
    }

    @Test
    void refusesInvalidValuesNamingTheProperty() {
        assertThatThrownBy(() -> with("bad topic!", 4096, Duration.ofSeconds(1)))
                .hasMessageStartingWith("ingest.topic must be a valid Kafka topic name");
        assertThatThrownBy(() -> with("t", 10, Duration.ofSeconds(1)))
                .hasMessageStartingWith("ingest.max-body-bytes must be between 1024 and 16777216");
        assertThatThrownBy(() -> with("t", 4096, Duration.ZERO))
                .hasMessageStartingWith("ingest.produce-timeout must be between 1 ms and 2 minutes");
    }
}
