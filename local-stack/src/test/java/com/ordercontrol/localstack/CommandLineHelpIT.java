package com.ordercontrol.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped jars' command lines, with no database or Kafka anywhere: {@code --help} on every command
 * exits 0 with its usage; a usage error exits 2 with the message on stderr.
 */
class CommandLineHelpIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    record Run(int status, String out, String err) {
    }

    private static Run run(String module, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", ServiceProcess.runnableJar(HOME, module).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("RELAY_") || k.startsWith("SPRING_")
                || k.startsWith("SERVER_"));
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s %s finished", module, List.of(args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpExitsZeroWithoutADatabase() throws Exception {
        Run ingest = run("ingest-consumer", "admin", "--help");
        assertThat(ingest.status()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("add-node", "issue-token");
        Run replay = run("ingest-consumer", "replay", "--help");
        assertThat(replay.status()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("--from-timestamp");
        Run relay = run("cdc-relay", "--help");
        assertThat(relay.status()).as(relay.err()).isZero();
        assertThat(relay.out()).contains("status", "redrive", "resend");
        Run status = run("cdc-relay", "status", "--help");
        assertThat(status.status()).as(status.err()).isZero();
        assertThat(status.out()).contains("Read-only");
    }

    @Test
    void usageErrorsExitTwoWithTheMessageOnStderr() throws Exception {
        Run admin = run("ingest-consumer", "admin", "frobnicate");
        assertThat(admin.status()).isEqualTo(2);
        assertThat(admin.err()).contains("frobnicate");
        Run resend = run("cdc-relay", "resend");
        assertThat(resend.status()).isEqualTo(2);
        assertThat(resend.err()).contains("--since");
    }
}
