package com.ordercontrol.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

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

        static Options parse(String[] args) {
            int orders = 100;
            boolean once = false;
            Path home = Path.of(System.getProperty("pipeline.home", ".")).toAbsolutePath().normalize();
            Path data = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--once" -> once = true;
                    case "--orders" -> orders = positive(value(args, ++i, "--orders"), "--orders");
                    case "--data-dir" -> data = Path.of(value(args, ++i, "--data-dir")).toAbsolutePath();
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> fail("unknown argument: " + args[i]);
                }
            }
            return new Options(orders, once, home, data == null ? home.resolve(".local-stack") : data);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                fail(flag + " needs a value");
            }
            return args[i];
        }

        private static int positive(String text, String flag) {
            try {
                int n = Integer.parseInt(text);
                if (n >= 1 && n <= 1_000_000) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            fail(flag + " must be a whole number from 1 to 1000000, not '" + text + "'");
            return 0;
        }
    }

    static final String USAGE = """
            usage: bin/local-stack [--orders N] [--once] [--data-dir DIR]

              --orders N      orders to play through the POS API (default 100)
              --once          exit after the report: status 0 only when the cloud's totals equal the POS's
              --data-dir DIR  where PostgreSQL, Kafka and the logs live (default .local-stack/; wiped at start)
            """;

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
        say(String.format("paid %d orders (%d payments) in %.1f s; all facts in the cloud after %.1f s; missing: %d",
                r.orders(), r.payments(), r.playTime().toMillis() / 1e3, r.settleTime().toMillis() / 1e3,
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
            for (String field : new String[] {"orderCount", "paymentCount"}) {
                row(field, pos.path(field), cloud.path(field));
            }
            // Money per currency, never summed across currencies.
            for (JsonNode block : pos.path("currencies")) {
                String currency = block.path("currency").asText();
                JsonNode c = find(cloud.path("currencies"), "currency", currency);
                for (String field : new String[] {"grossSales", "tips", "totalCollected"}) {
                    row(currency + " " + field, block.path(field), c.path(field));
                }
                for (JsonNode m : block.path("byMethod")) {
                    JsonNode cm = find(c.path("byMethod"), "method", m.path("method").asText());
                    row(currency + " " + m.path("method").asText() + " gross", m.path("grossSales"), cm.path("grossSales"));
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

    private static void fail(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(64);
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
