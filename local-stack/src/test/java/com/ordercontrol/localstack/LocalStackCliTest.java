package com.ordercontrol.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** bin/local-stack's command line: help exits 0, usage errors exit 2 on stderr, today's options keep working. */
class LocalStackCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int parse(LocalStack.Cli cli, String... args) {
        return cli.parse(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpExitsZero() {
        assertThat(parse(new LocalStack.Cli(), "--help")).isZero();
        assertThat(out.toString()).contains("--orders", "--once", "--data-dir");
    }

    @Test
    void usageErrorsExitTwoOnStderr() {
        assertThat(parse(new LocalStack.Cli(), "--orders", "0")).isEqualTo(2);
        assertThat(parse(new LocalStack.Cli(), "--orders", "many")).isEqualTo(2);
        assertThat(parse(new LocalStack.Cli(), "--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("--orders must be a whole number", "'many'", "--frobnicate");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void todaysOptionsKeepWorking() {
        LocalStack.Cli cli = new LocalStack.Cli();
        assertThat(parse(cli, "--once", "--orders", "200", "--data-dir", "/tmp/x")).isEqualTo(-1);
        assertThat(cli.orders).isEqualTo(200);
        assertThat(cli.once).isTrue();
        LocalStack.Cli defaults = new LocalStack.Cli();
        assertThat(parse(defaults)).isEqualTo(-1);
        assertThat(defaults.orders).isEqualTo(100);
    }
}
