package com.ordercontrol.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * @param needsKafka whether the command talks to Kafka; admin commands do not, so they work while
     *                   Kafka is down (topic settings are not applied for them)
     */
    static int launch(String[] args, boolean needsKafka, ToIntFunction<ConfigurableApplicationContext> command) {
        // As command-line arguments, not default properties: application.properties would override those,
        // and a command must never start the live consumer.
        List<String> all = new ArrayList<>(List.of("--ingest.consumer-enabled=false",
                "--ingest.apply-topic-settings=" + needsKafka, "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--logging.level.com.ordercontrol=WARN"));
        all.addAll(Arrays.asList(args));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new))) {
            return command.applyAsInt(context);
        }
    }

    static ApplicationArguments arguments(ConfigurableApplicationContext context) {
        return context.getBean(ApplicationArguments.class);
    }
}
