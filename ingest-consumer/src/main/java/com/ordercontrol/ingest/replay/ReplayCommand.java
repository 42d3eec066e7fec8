package com.ordercontrol.ingest.replay;

import com.ordercontrol.ingest.IngestSettings;
import com.ordercontrol.ingest.facts.FactWriter;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@code replay [--from-beginning | --from-timestamp=<ISO instant>] [--into=live | --into-schema=<name>]}:
 * rebuilds facts from the topic with a progress bar and a summary. Into {@code live} it is idempotent
 * (duplicates are skipped); into a fresh schema it gives tables to compare with the live ones.
 */
@Component
public class ReplayCommand {

    static final String USAGE = """
            usage: replay [--from-beginning | --from-timestamp=2026-11-24T00:00:00Z]
                          [--into=live | --into-schema=<new schema name>]
            Reads the topic (ingest.topic) up to its end at start and writes facts.""";

    private final DataSource live;
    private final KafkaAdmin kafkaAdmin;
    private final IngestSettings settings;
    private final Environment environment;

    public ReplayCommand(DataSource live, KafkaAdmin kafkaAdmin, IngestSettings settings, Environment environment) {
        this.live = live;
        this.kafkaAdmin = kafkaAdmin;
        this.settings = settings;
        this.environment = environment;
    }

    /** Parses options, replays, prints the summary; 0 on success, 2 on a usage error. */
    public int execute(ApplicationArguments args, PrintStream out) {
        Instant from;
        DataSource target;
        String targetName;
        try {
            from = from(args);
            String schema = single(args, "into-schema");
            String into = single(args, "into");
            if (schema != null && into != null) {
                throw new IllegalArgumentException("give --into=live or --into-schema, not both");
            }
            if (schema != null) {
                target = FreshSchema.create(environment.getRequiredProperty("spring.datasource.url"),
                        environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password"), schema);
                targetName = "schema " + schema;
            } else if (into == null || into.equals("live")) {
                target = live;
                targetName = "live tables";
            } else {
                throw new IllegalArgumentException("--into must be live");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            out.println("refused: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        out.println("replaying topic " + settings.topic() + (from == null ? " from the beginning" : " from " + from)
                + " into " + targetName);
        ProgressBar bar = new ProgressBar(out);
        ReplaySummary summary = replay(new FactWriter(target), targetName, from, bar);
        bar.finish();
        out.println(summary);
        return 0;
    }

    /** The replay itself, for callers that have their own target (tests, the benchmark). */
    public ReplaySummary replay(FactWriter writer, String targetName, Instant from, ProgressBar bar) {
        TopicReplayer replayer = new TopicReplayer(kafkaAdmin.getConfigurationProperties(), settings.topic());
        return replayer.replay(writer, targetName, from, done -> bar.update(done[0], done[1]));
    }

    private static Instant from(ApplicationArguments args) {
        String timestamp = single(args, "from-timestamp");
        if (timestamp != null && args.containsOption("from-beginning")) {
            throw new IllegalArgumentException("give --from-beginning or --from-timestamp, not both");
        }
        return timestamp == null ? null : Instant.parse(timestamp);
    }

    private static String single(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
