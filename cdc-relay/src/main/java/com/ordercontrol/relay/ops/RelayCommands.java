package com.ordercontrol.relay.ops;

import com.ordercontrol.relay.config.NucDatabase;
import com.ordercontrol.relay.config.RelaySettings;
import com.ordercontrol.relay.queue.CloudEventQueue;
import com.ordercontrol.relay.queue.ParkedEvent;
import com.ordercontrol.relay.outbox.OutboxTable;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The operator's commands on the NUC, run next to (not inside) the relay, with the relay's
 * environment variables ({@code java -jar cdc-relay-<version>-exec.jar <command>}):
 * <pre>
 *   status                     queue depth, oldest age, parked (with reasons), stuck, slot lag, last delivery
 *   redrive                    send parked events again
 *   resend --since &lt;time&gt;      queue outbox events created since then again (ISO-8601, e.g. 2026-02-19T00:00:00Z)
 * </pre>
 * They only use the database: {@code SERVER_API_KEY} and {@code SERVER_NODE_ID} are not needed.
 * {@code --help} on any of them prints its usage without touching the database. Exit status 0 on
 * success, 2 for bad usage or settings (message on stderr), 1 when the database cannot be reached.
 */
@Command(name = "cdc-relay", mixinStandardHelpOptions = true, version = "cdc-relay",
        description = {"Without a command: runs the relay (configured by environment variables, see "
                + "docs/relay-operations.md). With a command: runs it against the NUC database and exits."},
        subcommands = {RelayCommands.Status.class, RelayCommands.Redrive.class, RelayCommands.ResendCommand.class})
public final class RelayCommands implements Callable<Integer> {

    /** What the commands share: settings and output. */
    private final Map<String, String> env;
    private final Clock clock;
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    private RelayCommands(Map<String, String> env, Clock clock, PrintStream out) {
        this.env = env;
        this.clock = clock;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Clock.systemUTC(), System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        RelayCommands root = new RelayCommands(env, clock, out);
        CommandLine cli = new CommandLine(root, new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> type) throws Exception {
                if (type == Status.class || type == Redrive.class || type == ResendCommand.class) {
                    return (K) type.getDeclaredConstructor(RelayCommands.class).newInstance(root);
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println(e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            commandLine.getErr().println(commandLine.getCommandName() + " failed: the NUC database could not be used ("
                    + e.getMessage() + ")");
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * The relay's settings for a command: only the database ones matter, so the node's identity and secret
     * are not required (a technician may run {@code status} without them).
     */
    RelaySettings settings() {
        Map<String, String> forCommands = new HashMap<>(env);
        forCommands.putIfAbsent("SERVER_API_KEY", "not-used-by-operator-commands");
        forCommands.putIfAbsent("SERVER_NODE_ID", "not-used-by-operator-commands");
        return RelaySettings.fromEnvironment(forCommands);
    }

    /** What a command does with the NUC database. */
    @FunctionalInterface
    interface Work {
        void run(RelaySettings settings, HikariDataSource db, CloudEventQueue queue)
                throws SQLException, InterruptedException;
    }

    /** Opens the NUC database for one command (a small pool of its own), runs it, closes; returns 0. */
    int withQueue(Work work) throws SQLException, InterruptedException {
        RelaySettings settings = settings();
        try (HikariDataSource db = NucDatabase.open(settings, "relay-ops", 2)) {
            work.run(settings, db,
                    new CloudEventQueue(db, clock, settings.queueCapacity(), settings.stuckAfterAttempts()));
        }
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Queue depth, oldest waiting event, back-pressure, parked events with reasons, stuck "
                    + "events, replication slot and its lag, last delivery. Read-only.")
    static final class Status implements Callable<Integer> {
        private final RelayCommands root;

        Status(RelayCommands root) {
            this.root = root;
        }

        @Override
        public Integer call() throws SQLException, InterruptedException {
            return root.withQueue((settings, db, queue) -> {
                RelayStatus status = new StatusReader(db, queue, settings.slotName(),
                        settings.outboxRetention(), root.clock).read();
                root.out.print(status.render(root.clock.instant()));
                if (status.parked() > 0) {
                    root.out.println("Parked events (oldest first):");
                    for (ParkedEvent p : queue.parked(20)) {
                        root.out.printf("  %s  HTTP %d  %s  parked %s%n", p.eventId(), p.httpStatus(), p.reason(),
                                p.parkedAt());
                    }
                }
            });
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Makes parked events due for delivery again; the running relay sends them.")
    static final class Redrive implements Callable<Integer> {
        private final RelayCommands root;

        Redrive(RelayCommands root) {
            this.root = root;
        }

        @Override
        public Integer call() throws SQLException, InterruptedException {
            return root.withQueue((settings, db, queue) -> root.out.println("redrive: " + queue.redrive()
                    + " parked events are due for delivery again (the running relay sends them within "
                    + settings.workerInterval().toSeconds() + " s)"));
        }
    }

    @Command(name = "resend", mixinStandardHelpOptions = true,
            description = "Queues every outbox event created at or after --since again, delivered or not (the "
                    + "cloud deduplicates). Respects the queue cap.")
    static final class ResendCommand implements Callable<Integer> {
        private final RelayCommands root;

        @Spec
        CommandSpec spec;

        @Option(names = "--since", required = true, paramLabel = "<time>",
                description = "ISO-8601 time with offset, e.g. 2026-02-19T00:00:00Z")
        String since;

        ResendCommand(RelayCommands root) {
            this.root = root;
        }

        @Override
        public Integer call() throws SQLException, InterruptedException {
            Instant from;
            try {
                from = OffsetDateTime.parse(since).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "resend: '" + since
                        + "' is not an ISO-8601 time with offset, e.g. 2026-02-19T00:00:00Z");
            }
            return root.withQueue((settings, db, queue) -> new Resend(new OutboxTable(db), queue,
                    Duration.ofSeconds(60)).since(from, root.out));
        }
    }
}
