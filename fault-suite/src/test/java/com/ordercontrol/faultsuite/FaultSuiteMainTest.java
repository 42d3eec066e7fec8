package com.ordercontrol.faultsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** bin/fault-suite's command line: help exits 0, usage errors exit 2 on stderr, today's arguments keep working. */
class FaultSuiteMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int parse(FaultSuiteMain cli, String... args) {
        return cli.parse(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static FaultSuiteMain cli() throws Exception {
        var constructor = FaultSuiteMain.class.getDeclaredConstructor();
        return constructor.newInstance();
    }

    @Test
    void helpExitsZeroAndUsageErrorsExitTwo() throws Exception {
        assertThat(parse(cli(), "--help")).isZero();
        assertThat(out.toString()).contains("quick|soak", "--seed", "--data-dir");
        assertThat(parse(cli(), "marathon")).isEqualTo(2);
        assertThat(parse(cli(), "soak", "--seed", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown profile 'marathon'", "abc");
    }

    @Test
    void todaysArgumentsKeepWorking() throws Exception {
        FaultSuiteMain soak = cli();
        assertThat(parse(soak, "soak", "--seed", "42", "--data-dir", "/tmp/fs")).isEqualTo(-1);
        assertThat(soak.profile).isEqualTo("soak");
        assertThat(soak.seed).isEqualTo(42L);
        FaultSuiteMain quick = cli();
        assertThat(parse(quick)).isEqualTo(-1);
        assertThat(quick.profile).isEqualTo("quick");
    }
}
