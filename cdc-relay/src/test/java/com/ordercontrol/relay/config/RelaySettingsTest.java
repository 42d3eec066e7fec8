package com.ordercontrol.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelaySettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_API_KEY", "dev-secret");
        env.put("SERVER_NODE_ID", "dev-nuc-1");
        return env;
    }

    @Test
    void defaultsAreTheSeedsNumbers() {
        RelaySettings s = RelaySettings.fromEnvironment(minimal());

        assertThat(s.backofficeApiUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(s.ingestUri()).isEqualTo(URI.create("http://localhost:8080/api/events/ingest"));
        assertThat(s.queueCapacity()).isEqualTo(1000);
        assertThat(s.backoffBase()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoffCap()).isEqualTo(Duration.ofHours(1));
        assertThat(s.workerInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.stuckAfterAttempts()).isEqualTo(10);
        assertThat(s.outboxRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(2));
        // Longer than the ingest's produce timeout (10 s): its 503 and Retry-After arrive before the relay gives up.
        assertThat(s.httpTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.publicationName()).isEqualTo("relay_outbox_publication");
    }

    @Test
    void healthReportsGoToTheNodesHealthPathEveryMinuteWhenIdleAndAtMostEveryTenSecondsAfterDeliveries() {
        Map<String, String> env = minimal();
        env.put("BACKOFFICE_API_URL", "https://api.example.com/");
        RelaySettings s = RelaySettings.fromEnvironment(env);

        assertThat(s.healthUri()).isEqualTo(URI.create("https://api.example.com/api/nodes/dev-nuc-1/health"));
        assertThat(s.healthInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.healthMinInterval()).isEqualTo(Duration.ofSeconds(10));
        env.put("RELAY_HEALTH_INTERVAL", "2h");
        assertThatThrownBy(() -> RelaySettings.fromEnvironment(env)).hasMessageContaining("RELAY_HEALTH_INTERVAL");
    }

    @Test
    void readsDurationsAndNumbers() {
        Map<String, String> env = minimal();
        env.put("BACKOFFICE_API_URL", "https://api.example.com/");
        env.put("RELAY_QUEUE_CAPACITY", "50");
        env.put("RELAY_BACKOFF_BASE", "PT5S");
        env.put("RELAY_RECONCILE_GRACE", "90s");
        env.put("RELAY_OUTBOX_RETENTION", "14d");

        RelaySettings s = RelaySettings.fromEnvironment(env);

        assertThat(s.ingestUri()).isEqualTo(URI.create("https://api.example.com/api/events/ingest"));
        assertThat(s.queueCapacity()).isEqualTo(50);
        assertThat(s.backoffBase()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.reconcileGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.outboxRetention()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void namesEveryBadVariableAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("RELAY_QUEUE_CAPACITY", "lots");
        env.put("RELAY_BACKOFF_CAP", "forever");
        env.put("BACKOFFICE_API_URL", "ftp://x");

        assertThatThrownBy(() -> RelaySettings.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SERVER_API_KEY is required")
                .hasMessageContaining("SERVER_NODE_ID is required")
                .hasMessageContaining("RELAY_QUEUE_CAPACITY is not a number: 'lots'")
                .hasMessageContaining("RELAY_BACKOFF_CAP 'forever' is not a duration")
                .hasMessageContaining("BACKOFFICE_API_URL must be an http(s) URL");
    }

    @Test
    void directDeliveryIsOnByDefaultAndTakesOnlyTrueOrFalse() {
        Map<String, String> env = minimal();
        assertThat(RelaySettings.fromEnvironment(env).directDelivery()).isTrue();
        env.put("RELAY_DIRECT_DELIVERY", "false");
        assertThat(RelaySettings.fromEnvironment(env).directDelivery()).isFalse();
        env.put("RELAY_DIRECT_DELIVERY", "no");
        assertThatThrownBy(() -> RelaySettings.fromEnvironment(env))
                .hasMessageContaining("RELAY_DIRECT_DELIVERY must be true or false, was 'no'");
    }

    @Test
    void rejectsACapacityBelowOne() {
        Map<String, String> env = minimal();
        env.put("RELAY_QUEUE_CAPACITY", "0");

        assertThatThrownBy(() -> RelaySettings.fromEnvironment(env)).hasMessageContaining("RELAY_QUEUE_CAPACITY");
    }

    @Test
    void neverShowsSecrets() {
        Map<String, String> env = minimal();
        env.put("RELAY_DB_PASSWORD", "pg-password-123");

        String text = RelaySettings.fromEnvironment(env).toString();

        assertThat(text).doesNotContain("dev-secret").doesNotContain("pg-password-123").contains("dev-nuc-1");
    }
}
