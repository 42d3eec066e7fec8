package com.ordercontrol.ingest;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The ingest jar's command line, checked before any Spring context starts: {@code --help} on the jar, on
 * {@code admin}, {@code replay} and every admin subcommand prints usage and exits 0 without touching a
 * database; a usage error exits 2 with the message on stderr. Valid commands then run as before
 * ({@link IngestApplication#runCommand}). Spring properties ({@code --spring.datasource.url=...}, any
 * {@code --a.b=c}) pass through unchecked.
 */
@Command(name = "ingest-consumer", mixinStandardHelpOptions = true, version = "ingest-consumer",
        description = {"Without a command: runs the ingest service (Spring Boot; --server.port=..., "
                + "--spring.datasource.url=..., ...). Commands run once against the same settings and exit."},
        subcommands = {IngestCli.Admin.class, IngestCli.Replay.class})
final class IngestCli implements Runnable {

    /** A Spring property on the command line: {@code --name.with.dots=value} (or {@code -Dname=value}). */
    private static final Pattern SPRING_PROPERTY = Pattern.compile("--[A-Za-z0-9_-]+\\.[^=]*(=.*)?|-D.*");

    /** Returned by {@link #check} when the command is valid and should run. */
    static final int RUN = -1;

    private IngestCli() {
    }

    /**
     * Checks {@code args} ({@code admin ...}, {@code replay ...}, or {@code --help}); prints help or the
     * usage error.
     *
     * @return {@link #RUN}, or the exit status (0 after help, 2 after a usage error)
     */
    static int check(String[] args, PrintStream out, PrintStream err) {
        List<String> own = new ArrayList<>();
        for (String arg : args) {
            if (!SPRING_PROPERTY.matcher(arg).matches()) {
                own.add(arg);
            }
        }
        CommandLine cli = new CommandLine(new IngestCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(own.toArray(String[]::new));
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            if (!parsed.hasSubcommand() || !parsed.subcommand().hasSubcommand()
                    && parsed.subcommand().commandSpec().name().equals("admin")) {
                CommandLine target = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().commandLine() : cli;
                throw new CommandLine.ParameterException(target, "a command is required");
            }
            return RUN;
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return CommandLine.ExitCode.USAGE;
        }
    }

    /** True when the arguments ask for this jar's help rather than for the service. */
    static boolean isHelp(String[] args) {
        return args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("--version")
                || args[0].equals("-V"));
    }

    @Override
    public void run() {
        // parse-only: the service itself is started by IngestApplication
    }

    @Command(name = "admin", mixinStandardHelpOptions = true,
            description = "Venues, nodes, secrets and finance tokens (docs/cloud-operations.md). Needs the database.",
            subcommands = {AddVenue.class, AddNode.class, RotateSecret.class, FinishRotation.class, Disable.class,
                    Enable.class, RequireWebhooks.class, ListNodes.class, ReencryptSecrets.class, IssueToken.class,
                    RevokeToken.class, ListTokens.class})
    static final class Admin implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "add-venue", mixinStandardHelpOptions = true, description = "Adds or updates a venue.")
    static final class AddVenue implements Runnable {
        @Parameters(index = "0", paramLabel = "<venueId>")
        String venueId;
        @Parameters(index = "1", paramLabel = "<name>")
        String name;
        @Parameters(index = "2", arity = "0..1", paramLabel = "<IANA zone>", description = "default UTC")
        String zone;

        @Override
        public void run() {
        }
    }

    @Command(name = "add-node", mixinStandardHelpOptions = true,
            description = "Registers a node for a venue; prints a new secret unless --secret is given.")
    static final class AddNode implements Runnable {
        @Parameters(index = "0", paramLabel = "<nodeId>")
        String nodeId;
        @Parameters(index = "1", paramLabel = "<venueId>")
        String venueId;
        @Option(names = "--secret", paramLabel = "<secret>", description = "use this secret (write --secret=<value>)")
        String secret;
        @Option(names = "--legacy", description = "may sign with the seed scheme alone (no Standard Webhooks)")
        boolean legacy;

        @Override
        public void run() {
        }
    }

    /** An admin command on one node: parse-only, like the others. */
    abstract static class NodeCommand implements Runnable {
        @Parameters(index = "0", paramLabel = "<nodeId>")
        String nodeId;

        @Override
        public void run() {
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Prints a new secret once; the old one stays valid for the overlap.")
    static final class RotateSecret extends NodeCommand {
        @Option(names = "--overlap", paramLabel = "<ISO duration>", description = "default PT24H")
        String overlap;
    }

    @Command(name = "finish-rotation", mixinStandardHelpOptions = true,
            description = "Only the newest secret stays valid.")
    static final class FinishRotation extends NodeCommand {
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Refuses the node's requests (403).")
    static final class Disable extends NodeCommand {
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Accepts the node's requests again.")
    static final class Enable extends NodeCommand {
    }

    @Command(name = "require-webhooks", mixinStandardHelpOptions = true,
            description = "Accept only Standard Webhooks signatures from the node (true) or both schemes (false).")
    static final class RequireWebhooks extends NodeCommand {
        @Parameters(index = "1", paramLabel = "<true|false>")
        boolean required;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Nodes and venues, no secrets.")
    static final class ListNodes implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "reencrypt-secrets", mixinStandardHelpOptions = true,
            description = "Seals every stored node secret with the current INGEST_SECRETS_KEY.")
    static final class ReencryptSecrets implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "issue-token", mixinStandardHelpOptions = true,
            description = "Prints a new finance token once, or registers the one given with --token (idempotent).")
    static final class IssueToken implements Runnable {
        @Parameters(index = "0", paramLabel = "<label>")
        String label;
        @Parameters(index = "1", paramLabel = "<venueId>[,<venueId>...]")
        String venues;
        @Option(names = "--token", paramLabel = "<token>", description = "register this token (write --token=<value>)")
        String token;

        @Override
        public void run() {
        }
    }

    @Command(name = "revoke-token", mixinStandardHelpOptions = true, description = "Revokes a finance token.")
    static final class RevokeToken implements Runnable {
        @Parameters(index = "0", paramLabel = "<id or label>")
        String token;

        @Override
        public void run() {
        }
    }

    @Command(name = "list-tokens", mixinStandardHelpOptions = true, description = "Finance tokens, never their values.")
    static final class ListTokens implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Reads the topic (ingest.topic) up to its end at start and writes facts "
                    + "(docs/replay.md). Needs the database and Kafka."})
    static final class Replay implements Runnable {
        @Option(names = "--from-beginning", description = "from the first record (default)")
        boolean fromBeginning;
        @Option(names = "--from-timestamp", paramLabel = "<ISO instant>", description = "e.g. 2026-11-24T00:00:00Z")
        String fromTimestamp;
        @Option(names = "--into", paramLabel = "live", description = "the live tables (default; idempotent)")
        String into;
        @Option(names = "--into-schema", paramLabel = "<new schema>", description = "a fresh schema to compare with")
        String intoSchema;

        @Override
        public void run() {
        }
    }
}
