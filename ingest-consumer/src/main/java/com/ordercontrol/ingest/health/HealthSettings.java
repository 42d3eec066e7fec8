package com.ordercontrol.ingest.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Node health settings, prefix {@code ingest.health}; checked at start-up.
 *
 * @param silentAfter a node (and a venue none of whose nodes reported) is "silent" when its last health
 *                    report is older than this, or when it never reported; relays report at least every
 *                    60 s by default ({@code RELAY_HEALTH_INTERVAL}), so keep this a few heartbeats longer
 */
@ConfigurationProperties("ingest.health")
public record HealthSettings(@DefaultValue("180s") Duration silentAfter) {

    @ConstructorBinding
    public HealthSettings {
        if (silentAfter == null || silentAfter.compareTo(Duration.ofSeconds(1)) < 0
                || silentAfter.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("ingest.health.silent-after must be between 1s and 1d, was: "
                    + silentAfter);
        }
    }
}
