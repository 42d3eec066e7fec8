package com.ordercontrol.ingest;

import com.ordercontrol.ingest.admin.AdminCommand;
import com.ordercontrol.ingest.replay.ReplayCommand;
import java.io.PrintStream;
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
        if (IngestCli.isHelp(args)) {
            System.exit(IngestCli.check(args, System.out, System.err));
        }
        if (isCommand(args)) {
            // Help and usage errors are answered before any Spring context (so without a database).
            int checked = IngestCli.check(args, System.out, System.err);
            System.exit(checked != IngestCli.RUN ? checked : runCommand(args, System.out));
        }
        SpringApplication.run(IngestApplication.class, args);
    }

    static boolean isCommand(String[] args) {
        return args.length > 0 && (args[0].equals("admin") || args[0].equals("replay"));
    }

    /** Runs {@code admin ...} or {@code replay ...} and returns its exit status. */
    static int runCommand(String[] args, PrintStream out) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        boolean admin = args[0].equals("admin");
        return CommandLauncher.launch(rest, !admin, context -> {
            var arguments = CommandLauncher.arguments(context);
            return admin ? context.getBean(AdminCommand.class).execute(arguments, out)
                    : context.getBean(ReplayCommand.class).execute(arguments, out);
        });
    }
}
