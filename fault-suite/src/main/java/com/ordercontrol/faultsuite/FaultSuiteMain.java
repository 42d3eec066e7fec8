package com.ordercontrol.faultsuite;

import java.nio.file.Path;

/** {@code bin/fault-suite [quick|soak] [--seed N] [--data-dir DIR]}: runs the suite, prints the summary. */
public final class FaultSuiteMain {

    private FaultSuiteMain() {
    }

    public static void main(String[] args) throws Exception {
        String profileName = "quick";
        long seed = System.currentTimeMillis() % 100_000;
        Path home = Path.of(System.getProperty("pipeline.home", ".")).toAbsolutePath().normalize();
        Path data = home.resolve(".fault-suite");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "quick", "soak" -> profileName = args[i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--data-dir" -> data = Path.of(args[++i]).toAbsolutePath();
                default -> {
                    System.err.println("usage: bin/fault-suite [quick|soak] [--seed N] [--data-dir DIR]");
                    System.exit(64);
                }
            }
        }
        System.setProperty("local.stack.logs", data.resolve("logs").toString());
        FaultSuite.Report report = new FaultSuite(home, data, System.out::println)
                .run(SuiteProfile.named(profileName, seed));
        System.out.println();
        System.out.println(SummaryTable.render(report));
        System.exit(report.passed() ? 0 : 1);
    }
}
