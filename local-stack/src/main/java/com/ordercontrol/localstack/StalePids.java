package com.ordercontrol.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Remembers the services' process ids in the data directory, so that a run that was killed without a
 * chance to clean up (kill -9, a closed terminal) does not leave services holding ports for the next one.
 */
final class StalePids {

    private StalePids() {
    }

    static Path file(Path dataDir) {
        return dataDir.resolve("service.pids");
    }

    static void record(Path dataDir, List<ServiceProcess> services) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file(dataDir),
                    services.stream().map(s -> Long.toString(s.pid())).collect(Collectors.joining("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the services a previous run left behind, if any are still alive. */
    static void killLeftovers(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                ProcessHandle.of(Long.parseLong(line.trim()))
                        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                        .ifPresent(p -> {
                            System.out.println("stopping service left over from a previous run: pid " + p.pid());
                            p.destroyForcibly();
                            p.onExit().join();
                        });
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
