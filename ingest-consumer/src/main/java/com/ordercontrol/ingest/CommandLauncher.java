package com.ordercontrol.ingest;

import java.util.function.ToIntFunction;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs a one-shot command (admin, replay) inside the service's own configuration: same properties,
 * same database (migrated by Flyway on start), same Kafka settings, but no web server and no live
 * consumer. {@code --spring.datasource.url=...} style options set properties as usual.
 */
final class CommandLauncher {

    private CommandLauncher() {
    }

    static int launch(String[] args, ToIntFunction<ConfigurableApplicationContext> command) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class)
                .web(WebApplicationType.NONE)
                .properties("ingest.consumer-enabled=false", "spring.main.banner-mode=off",
                        "logging.level.root=WARN", "logging.level.com.ordercontrol=WARN")
                .run(args)) {
            return command.applyAsInt(context);
        }
    }

    static ApplicationArguments arguments(ConfigurableApplicationContext context) {
        return context.getBean(ApplicationArguments.class);
    }
}
