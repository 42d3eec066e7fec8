package com.ordercontrol.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercontrol.contract.ContractJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code examples/typescript-outbox} (node-postgres, one transaction for the payment and its outbox
 * row) with Node against a POS database: {@code npm ci}, then {@code npm run pay}. Its output names the
 * event, order and payment it wrote.
 */
final class TypeScriptOutboxExample {

    private final Path directory;
    private final Path log;

    TypeScriptOutboxExample(Path repositoryRoot, Path logDirectory) {
        this.directory = repositoryRoot.resolve("examples/typescript-outbox");
        this.log = logDirectory.resolve("typescript-outbox.log");
    }

    /**
     * Skips the calling test, saying why, when Node or npm is not installed; with
     * {@code PIPELINE_REQUIRE_TOOLS=true} (set by {@code .ci/run}) it fails instead.
     */
    static void assumeNodeAndNpm() {
        if (runs("node", "--version") && runs("npm", "--version")) {
            return;
        }
        String why = "node and npm are not installed (.ci/run installs Debian's nodejs and npm): "
                + "the TypeScript outbox example cannot run";
        if ("true".equals(System.getenv("PIPELINE_REQUIRE_TOOLS"))) {
            throw new AssertionError(why + "; the test fails (PIPELINE_REQUIRE_TOOLS=true)");
        }
        Assumptions.abort(why);
    }

    /** {@code npm ci} (from package-lock.json), then pays one order; returns the example's JSON answer. */
    JsonNode payOneOrder(String posJdbcUrl, String user, String venueId) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
        String databaseUrl = posJdbcUrl.replaceFirst("^jdbc:postgresql://", "postgres://" + user + "@");
        run(List.of("npm", "run", "--silent", "pay"), Map.of("DATABASE_URL", databaseUrl, "VENUE_ID", venueId), 120);
        // The answer is the last line that is a JSON object (Node may warn on other lines).
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String answer = lines.stream().filter(l -> l.startsWith("{")).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no JSON answer from the example, log " + log + ": " + lines));
        return ContractJson.read(answer);
    }

    private void run(List<String> command, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0).as("%s in %s (log %s):%n%s", command, directory, log,
                Files.readString(log, StandardCharsets.UTF_8)).isTrue();
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
