package com.ordercontrol.relay.ops;

import com.ordercontrol.relay.config.NucDatabase;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.ParkedEvent;
import com.ordercontrol.relay.outbox.OutboxTable;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The operator's commands on the NUC, run next to (not inside) the relay, with the relay's
 * environment variables:
 * <pre>
 *   status                     queue depth, oldest age, parked (with reasons), stuck, slot lag, last delivery
 *   redrive                    send parked events again
 *   resend --since &lt;time&gt;      queue outbox events created since then again (ISO-8601, e.g. 2026-02-19T00:00:00Z)
 * </pre>
 * Exit status 0 on success, 2 for bad usage, 1 when the database cannot be reached.
 */
public final class RelayCommands {

    private static final String USAGE = """
            usage: relay-ops status
                   relay-ops redrive
                   relay-ops resend --since <ISO-8601 time, e.g. 2026-02-19T00:00:00Z>""";

    private RelayCommands() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Clock.systemUTC(), System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        if (args.length == 0 || !(args[0].equals("status") || args[0].equals("redrive") || args[0].equals("resend"))) {
            err.println(USAGE);
            return 2;
        }
        Instant since = null;
        if (args[0].equals("resend")) {
            if (args.length != 3 || !args[1].equals("--since")) {
                err.println(USAGE);
                return 2;
            }
            try {
                since = OffsetDateTime.parse(args[2]).toInstant();
            } catch (DateTimeParseException e) {
                err.println("resend: '" + args[2] + "' is not an ISO-8601 time with offset, e.g. 2026-02-19T00:00:00Z");
                return 2;
            }
        }
        RelaySettings settings;
        try {
            settings = RelaySettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (HikariDataSource db = NucDatabase.open(settings, "relay-ops", 2)) {
            CloudEventQueue queue = new CloudEventQueue(db, clock, settings.queueCapacity(), settings.stuckAfterAttempts());
            switch (args[0]) {
                case "status" -> status(new StatusReader(db, queue, settings.slotName(), settings.outboxRetention(), clock),
                        queue, clock, out);
                case "redrive" -> out.println("redrive: " + queue.redrive()
                        + " parked events are due for delivery again (the running relay sends them within "
                        + settings.workerInterval().toSeconds() + " s)");
                default -> new Resend(new OutboxTable(db), queue, Duration.ofSeconds(60)).since(since, out);
            }
            return 0;
        } catch (SQLException | RuntimeException e) {
            err.println(args[0] + " failed: the NUC database could not be used (" + e.getMessage() + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void status(StatusReader reader, CloudEventQueue queue, Clock clock, PrintStream out)
            throws SQLException {
        RelayStatus status = reader.read();
        out.print(status.render(clock.instant()));
        if (status.parked() > 0) {
            out.println("Parked events (oldest first):");
            for (ParkedEvent p : queue.parked(20)) {
                out.printf("  %s  HTTP %d  %s  parked %s%n", p.eventId(), p.httpStatus(), p.reason(), p.parkedAt());
            }
        }
    }
}
