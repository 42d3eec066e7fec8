package com.ordercontrol.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of {@code bin/load-test} and {@code bin/benchmark}; see docs/performance.md. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("pipeline.home", ".")).toAbsolutePath().normalize();
        if (args.length == 0) {
            System.err.println("usage: BenchMain load-test [options] | relay [options] | debezium-shape");
            System.exit(2);
        }
        // Ctrl-C or SIGTERM: stop the services this run started (a PostgreSQL left behind is stopped by the
        // next run, which starts its servers fresh on the same directories).
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "stop-services"));
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Path data = home.resolve(".bench");
        int status = switch (args[0]) {
            case "load-test" -> LoadTest.run(home, data.resolve("load-test"), rest);
            case "relay" -> RelayBenchmark.run(home, data.resolve("relay"), rest);
            case "debezium-shape" -> DebeziumShape.run(home, data.resolve("debezium-shape"));
            default -> {
                System.err.println("unknown command " + args[0]);
                yield 2;
            }
        };
        System.exit(status);
    }
}
