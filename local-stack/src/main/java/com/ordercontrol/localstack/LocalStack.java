package com.ordercontrol.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/local-stack}: runs the whole pipeline on this machine, plays a day of orders through the
 * POS API and prints the cloud's daily totals next to the POS's own, with the commit-to-fact latency.
 */
public final class LocalStack {

    private LocalStack() {
    }

    /**
     * What the user asked for.
     *
     * @param orders how many orders to play
     * @param once   exit after the report (status 0 only when the totals are equal)
     * @param home   the repository root
     * @param data   where the servers keep their data (wiped at start)
     */
    record Options(int orders, boolean once, Path home, Path data) {

        /** Parses the command line; {@code --help} exits 0, a usage error exits 2 with the message on stderr. */
        static Options parse(String[] args) {
            Cli cli = new Cli();
            int status = cli.parse(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
            if (status >= 0) {
                System.exit(status);
            }
            Path home = Path.of(System.getProperty("pipeline.home", ".")).toAbsolutePath().normalize();
            return new Options(cli.orders, cli.once, home,
                    cli.data == null ? home.resolve(".local-stack") : cli.data.toAbsolutePath());
        }
    }

    /** The command line (picocli). */
    @Command(name = "bin/local-stack", mixinStandardHelpOptions = true, version = "local-stack",
            description = {"Runs the whole pipeline on this machine (PostgreSQL x2, Kafka, ingest, POS, relay, each "
                    + "service from its runnable jar), plays a day of orders (with refunds) and prints the cloud's daily totals "
                    + "next to the POS's own."})
    static final class Cli {
        @Option(names = "--orders", paramLabel = "N", defaultValue = "100",
                description = "orders to play through the POS API, 1 to 1000000 (default ${DEFAULT-VALUE})")
        int orders;

        @Option(names = "--once",
                description = "exit after the report: status 0 only when the cloud's totals equal the POS's")
        boolean once;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "where PostgreSQL, Kafka and the logs live (default .local-stack/; wiped at start)")
        Path data;

        /** -1 to run; otherwise the exit status (0 after help or version, 2 after a usage error). */
        int parse(String[] args, PrintWriter out, PrintWriter err) {
            return CommandLines.parse(this, args, out, err, cli -> {
                if (orders < 1 || orders > 1_000_000) {
                    throw new CommandLine.ParameterException(cli,
                            "--orders must be a whole number from 1 to 1000000, not '" + orders + "'");
                }
            });
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.setProperty("local.stack.logs", options.data().resolve("logs").toString());
        StackSettings settings = StackSettings.devDefaults(options.home(), options.data());
        say("data and logs: " + settings.dataDir() + " (wiped at every start)");
        say("starting PostgreSQL x2, Kafka, ingest (:" + settings.ingestPort() + "), POS (:" + settings.posPort()
                + ") and the relay ...");
        long t0 = System.nanoTime();
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(settings);
        } catch (RuntimeException e) {
            System.err.println("local stack did not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        say(String.format("started in %.1f s", (System.nanoTime() - t0) / 1e9));
        say(pipeline.describeProcesses());

        say("playing " + options.orders() + " orders through the POS API ...");
        DayRun.Result result = DayRun.play(pipeline, options.orders(), 20260219L, Duration.ofMinutes(5));
        print(result);
        if (options.once()) {
            System.exit(result.totalsMatch() ? 0 : 1);
        }
        say(endpoints(settings, pipeline));
        say("serving until Ctrl-C");
        stopped.await();
    }

    private static void print(DayRun.Result r) {
        say(String.format("paid %d orders (%d payments, %d refunds) in %.1f s; all facts in the cloud after %.1f s;"
                + " missing: %d", r.orders(), r.payments(), r.refunds(), r.playTime().toMillis() / 1e3, r.settleTime().toMillis() / 1e3,
                r.missing()));
        say(String.format("commit-to-fact latency: p50 %d ms, p99 %d ms", r.latencyP50().toMillis(),
                r.latencyP99().toMillis()));
        for (Map.Entry<LocalDate, JsonNode> day : r.posTotals().entrySet()) {
            JsonNode pos = day.getValue();
            JsonNode cloud = r.cloudTotals().get(day.getKey());
            say("");
            say(String.format("daily totals for %s, business day %s (%s)", pos.path("venueId").asText(),
                    day.getKey(), pos.path("timeZone").asText()));
            say(String.format("  %-24s %14s %14s", "", "POS", "cloud"));
            for (String field : new String[] {"orderCount", "paymentCount", "refundCount"}) {
                row(field, pos.path(field), cloud.path(field));
            }
            // Money per currency, never summed across currencies.
            for (JsonNode block : pos.path("currencies")) {
                String currency = block.path("currency").asText();
                JsonNode c = find(cloud.path("currencies"), "currency", currency);
                for (String field : new String[] {"grossSales", "refunds", "netSales", "tips", "totalCollected"}) {
                    row(currency + " " + field, block.path(field), c.path(field));
                }
                for (JsonNode m : block.path("byMethod")) {
                    JsonNode cm = find(c.path("byMethod"), "method", m.path("method").asText());
                    row(currency + " " + m.path("method").asText() + " gross", m.path("grossSales"), cm.path("grossSales"));
                    row(currency + " " + m.path("method").asText() + " refunds", m.path("refunds"), cm.path("refunds"));
                    row(currency + " " + m.path("method").asText() + " tips", m.path("tips"), cm.path("tips"));
                }
            }
        }
        say("");
        say(r.totalsMatch() ? "RESULT: cloud totals equal POS totals" : "RESULT: MISMATCH between cloud and POS");
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.path(key).asText())) {
                return element;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static void row(String name, JsonNode pos, JsonNode cloud) {
        String mark = pos.equals(cloud) ? "" : "   <-- differs";
        say(String.format("  %-24s %14s %14s%s", name, pos.asText("-"), cloud.asText("-"), mark));
    }

    private static String endpoints(StackSettings s, LocalPipeline pipeline) {
        return """

                Endpoints
                  POS API      %1$s
                    curl -s -X POST %1$s/api/orders -H 'Content-Type: application/json' -d '{"total":"12.99"}'
                    curl -s -X POST %1$s/api/orders/<orderId>/pay -H 'Content-Type: application/json' \\
                         -d '{"payments":[{"method":"card","amount":"12.99","tip":"2.00"}]}'
                  Finance      %2$s/api/reports/daily-totals?venueId=%3$s&date=%4$s
                    curl -s -H 'Authorization: Bearer %5$s' '%2$s/api/reports/daily-totals?venueId=%3$s&date=%4$s'
                  Finance page %2$s/finance (sign in with the token %5$s)
                  Ingest       POST %2$s/api/events/ingest (node %6$s, signed with SERVER_API_KEY)
                  Kafka        %7$s (topic pos-events)
                  POS db       %8$s (user postgres)
                  Cloud db     %9$s (user postgres)
                  Health       %11$s/actuator/health  %12$s/actuator/health  %13$s/health
                  Metrics      %11$s/actuator/prometheus (ingest)  %12$s/actuator/prometheus (POS)
                               %13$s/prometheus (relay)
                  Logs         %10$s
                """.formatted(s.posUrl(), s.ingestUrl(), s.venueId(), LocalDate.now(java.time.ZoneOffset.UTC),
                s.financeToken(), s.nodeId(), pipeline.kafkaBootstrapServers(), pipeline.posJdbcUrl(),
                pipeline.cloudJdbcUrl(), s.dataDir().resolve("logs"), pipeline.ingestManagementUrl(),
                pipeline.posManagementUrl(), pipeline.relayManagementUrl());
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
