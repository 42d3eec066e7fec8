package com.ordercontrol.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PosPropertiesTest {

    @Test
    void defaultsAreTheLocalStacksVenue() {
        PosProperties settings = bind(Map.of());

        assertThat(settings).isEqualTo(new PosProperties("venue-1", "USD", "UTC"));
        assertThat(settings.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void bindsEachSetting() {
        PosProperties settings = bind(Map.of("pos.venue-id", "venue-7", "pos.currency", "EUR",
                "pos.time-zone", "Europe/Paris"));

        assertThat(settings).isEqualTo(new PosProperties("venue-7", "EUR", "Europe/Paris"));
    }

    @Test
    void badSettingsFailWithThePropertyName() {
        assertThatThrownBy(() -> new PosProperties("venue 1", "USD", "UTC")).hasMessageStartingWith("pos.venue-id");
        assertThatThrownBy(() -> new PosProperties("venue-1", "usd", "UTC")).hasMessageStartingWith("pos.currency");
        assertThatThrownBy(() -> new PosProperties("venue-1", "KWD", "UTC")).hasMessageStartingWith("pos.currency");
        assertThatThrownBy(() -> new PosProperties("venue-1", "USD", "Mars/Olympus")).hasMessageStartingWith("pos.time-zone");
        assertThatThrownBy(() -> bind(Map.of("pos.time-zone", "nowhere")))
                .hasRootCauseMessage("pos.time-zone must be a zone id such as UTC or America/New_York but was 'nowhere'");
    }

    private static PosProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("pos", PosProperties.class);
    }
}
