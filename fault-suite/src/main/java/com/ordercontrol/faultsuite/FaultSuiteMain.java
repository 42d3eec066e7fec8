package com.ordercontrol.faultsuite;

import com.ordercontrol.localstack.CommandLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/fault-suite [quick|soak] [--seed N] [--data-dir DIR]}: runs the suite, prints the summary. */
@Command(name = "bin/fault-suite", mixinStandardHelpOptions = true, version = "fault-suite",
        description = {"Fault injection and load: three venues and a cloud as separate processes (each service from "
                + "its runnable jar), kill -9, link cuts and pauses while orders flow; then the verdict that "
                + "nothing was lost or doubled. Exit 0 only when it passed. See docs/reliability.md."})
public final class FaultSuiteMain {

    @Parameters(arity = "0..1", paramLabel = "quick|soak", defaultValue = "quick",
            description = "quick: a few minutes, at least 20 faults (what CI runs); soak: at least 100 faults and "
                    + "20,000 orders")
    String profile;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default: from the clock, printed)")
    Long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where everything lives (default .fault-suite/)")
    Path data;

    FaultSuiteMain() {
    }

    /** -1 to run; otherwise the exit status (0 after help, 2 after a usage error, message on stderr). */
    int parse(String[] args, PrintWriter out, PrintWriter err) {
        return CommandLines.parse(this, args, out, err, cli -> {
            if (!profile.equals("quick") && !profile.equals("soak")) {
                throw new CommandLine.ParameterException(cli, "unknown profile '" + profile + "' (quick or soak)");
            }
        });
    }

    public static void main(String[] args) throws Exception {
        FaultSuiteMain cli = new FaultSuiteMain();
        int status = cli.parse(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (status >= 0) {
            System.exit(status);
        }
        Path home = Path.of(System.getProperty("pipeline.home", ".")).toAbsolutePath().normalize();
        Path data = cli.data == null ? home.resolve(".fault-suite") : cli.data.toAbsolutePath();
        long seed = cli.seed == null ? System.currentTimeMillis() % 100_000 : cli.seed;
        System.setProperty("local.stack.logs", data.resolve("logs").toString());
        FaultSuite.Report report = new FaultSuite(home, data, System.out::println)
                .run(SuiteProfile.named(cli.profile, seed));
        System.out.println();
        System.out.println(SummaryTable.render(report));
        System.exit(report.passed() ? 0 : 1);
    }
}
