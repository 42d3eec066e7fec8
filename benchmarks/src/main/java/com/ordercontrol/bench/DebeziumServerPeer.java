package com.ordercontrol.bench;

import com.ordercontrol.infra.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debezium Server 3.6.3.Final (the relay a user might run instead of ours) as its own process: the
 * dist is fetched and unpacked by {@code benchmarks/debezium-server/fetch.sh}, the configuration is
 * {@code benchmarks/debezium-server/application.properties} with the run's values filled in, written
 * as {@code config/application.properties} in a run directory that is the process's working directory.
 * It needs Java 21+: {@code DEBEZIUM_JAVA_HOME}, default {@code /usr/lib/jvm/temurin-25-jdk-amd64}.
 */
final class DebeziumServerPeer implements AutoCloseable {

    /** How the peer delivers: one event per POST, or JSON arrays of up to {@code maxBatch}. */
    record Mode(boolean batch, int maxBatch) {
        static Mode single() {
            return new Mode(false, 1);
        }

        static Mode batchOf(int max) {
            return new Mode(true, max);
        }

        String label() {
            return batch ? "Debezium Server, batch " + maxBatch : "Debezium Server, single";
        }
    }

    private final Process process;
    private final Path runDir;
    private final int httpPort;

    private DebeziumServerPeer(Process process, Path runDir, int httpPort) {
        this.process = process;
        this.runDir = runDir;
        this.httpPort = httpPort;
    }

    /** The unpacked dist, fetching it first when needed. */
    static Path distribution(Path home) {
        String given = System.getenv("DEBEZIUM_SERVER_HOME");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        try {
            Process fetch = new ProcessBuilder(home.resolve("benchmarks/debezium-server/fetch.sh").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (fetch.waitFor() != 0) {
                throw new IllegalStateException("benchmarks/debezium-server/fetch.sh failed");
            }
            return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code whsec_} + base64 of the node secret's UTF-8 bytes: the same HMAC key the ingest uses. */
    static String webhookSecret(String nodeSecret) {
        return "whsec_" + Base64.getEncoder().encodeToString(nodeSecret.getBytes(StandardCharsets.UTF_8));
    }

    /** The configuration file's text for this run. */
    static String configuration(Path home, Map<String, String> values) {
        try {
            String text = Files.readString(home.resolve("benchmarks/debezium-server/application.properties"));
            for (var e : values.entrySet()) {
                text = text.replace("@" + e.getKey() + "@", e.getValue());
            }
            if (text.contains("@")) {
                String line = text.lines().filter(l -> l.contains("@") && !l.startsWith("#")).findFirst().orElse(null);
                if (line != null) {
                    throw new IllegalStateException("unfilled configuration value: " + line);
                }
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the peer reading {@code pos}'s outbox and posting to {@code sinkBaseUrl}/api/nodes/{nodeId}/events.
     *
     * @param maxHeap    {@code -Xmx} with the serial collector, or {@code null} for the JVM's defaults
     * @param jvmOptions further JVM options
     */
    static DebeziumServerPeer start(Path home, Path dist, Path runDir, PosDatabase pos, String sinkBaseUrl,
                                    String nodeId, String nodeSecret, Mode mode, String maxHeap,
                                    List<String> jvmOptions) {
        try {
            Files.createDirectories(runDir.resolve("config"));
            Files.deleteIfExists(runDir.resolve("offsets.dat")); // a fresh database: old offsets point nowhere
            Files.deleteIfExists(runDir.resolve("debezium-server.log"));
            int httpPort = FreePort.orPick(0);
            String config = configuration(home, Map.of(
                    "PG_PORT", Integer.toString(pos.port()),
                    "PG_PASSWORD", "",
                    "PG_DATABASE", PosDatabase.DATABASE,
                    "OFFSETS_FILE", runDir.resolve("offsets.dat").toString(),
                    "INGEST_URL", sinkBaseUrl,
                    "NODE_ID", nodeId,
                    "WEBHOOK_SECRET", webhookSecret(nodeSecret),
                    "BATCH_ENABLED", Boolean.toString(mode.batch()),
                    "BATCH_MAX_SIZE", Integer.toString(mode.maxBatch()),
                    "HTTP_PORT", Integer.toString(httpPort)));
            Files.writeString(runDir.resolve("config/application.properties"), config);
            String javaHome = System.getenv().getOrDefault("DEBEZIUM_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
            String runner;
            try (var files = Files.list(dist)) {
                runner = files.map(Path::toString).filter(n -> n.endsWith("-runner.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + dist));
            }
            List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(),
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
            if (maxHeap != null) {
                command.add("-Xmx" + maxHeap);
                command.add("-XX:+UseSerialGC");
            }
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", runner + ":" + dist.resolve("config/lib") + ":" + dist.resolve("lib") + "/*",
                    "io.debezium.server.Main"));
            Process process = new ProcessBuilder(command).directory(runDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("debezium-server.log").toFile()))
                    .start();
            return new DebeziumServerPeer(process, runDir, httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Debezium Server", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return runDir.resolve("debezium-server.log");
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
