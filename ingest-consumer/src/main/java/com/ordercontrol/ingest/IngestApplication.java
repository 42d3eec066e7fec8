package com.ordercontrol.ingest;

import com.ordercontrol.ingest.admin.AdminCommand;
import com.ordercontrol.ingest.replay.ReplayCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The cloud side of the pipeline: the signed ingest endpoint, the Kafka-to-facts consumer and the
 * finance report. With a first argument {@code admin} or {@code replay} it runs that command instead
 * of serving (no web server, no live consumer) and exits with the command's status; see
 * docs/cloud-operations.md and docs/replay.md.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("admin") || args[0].equals("replay"))) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            boolean admin = args[0].equals("admin");
            int status = CommandLauncher.launch(rest, context -> {
                var arguments = CommandLauncher.arguments(context);
                return admin ? context.getBean(AdminCommand.class).execute(arguments, System.out)
                        : context.getBean(ReplayCommand.class).execute(arguments, System.out);
            });
            System.exit(status);
        }
        SpringApplication.run(IngestApplication.class, args);
    }
}
