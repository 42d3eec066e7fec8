package com.ordercontrol.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server started from the Maven-resolved zonky binaries, configured for logical
 * decoding ({@code wal_level=logical}) and durable commits ({@code synchronous_commit=on}).
 *
 * <p>Data and the unpacked binaries live under the directory given, so tests keep them in
 * {@code target/} and the local stack in {@code .local-stack/}. As root, zonky runs the server in a
 * user namespace, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser zonky creates; it has no password on loopback. */
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a fresh server whose data directory is {@code baseDirectory/data} (wiped first).
     *
     * @param baseDirectory where data and the unpacked binaries go
     * @param port          the port, or 0 for a free one
     */
    public static PostgresServer startFresh(Path baseDirectory, int port) {
        return start(baseDirectory, port, true);
    }

    /**
     * Starts a server on the data a previous start left under {@code baseDirectory} (after a crash it
     * runs PostgreSQL's own recovery), or a new one when there is none.
     */
    public static PostgresServer startExisting(Path baseDirectory, int port) {
        return start(baseDirectory, port, false);
    }

    private static PostgresServer start(Path baseDirectory, int port, boolean fresh) {
        try {
            Path data = baseDirectory.resolve("data");
            if (fresh) {
                stopLeftoverServer(data);
                deleteRecursively(data);
            }
            Files.createDirectories(data);
            Path work = baseDirectory.resolve("work");
            Files.createDirectories(work);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setPort(FreePort.orPick(port))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "64")
                    .setServerConfig("max_wal_senders", "64")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("wal_sender_timeout", "30s")
                    .start();
            return new PostgresServer(postgres, data);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start under " + baseDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates a database (owned by {@link #USER}) unless it exists; returns its JDBC URL. */
    public String createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits, _: " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
        return jdbcUrl(database);
    }

    /**
     * Kills the server as a power cut would: SIGKILL to the postmaster and every backend. The next
     * {@link #startExisting} on the same directory runs crash recovery.
     */
    public void killHard() {
        postmaster(dataDirectory).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.onExit().join();
        });
        try {
            postgres.close(); // the server is gone; this releases zonky's lock on the data directory
        } catch (IOException | RuntimeException expected) {
            // pg_ctl stop fails on a dead server; the lock is released anyway
        }
    }

    @Override
    public void close() {
        if (postmaster(dataDirectory).isEmpty()) {
            return; // already killed; nothing to stop
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * A previous run that was killed (kill -9, a closed terminal) leaves its postmaster running; its pid
     * is the first line of {@code postmaster.pid}. Stop it before its data directory is wiped.
     */
    private static void stopLeftoverServer(Path data) {
        postmaster(data).ifPresent(p -> {
            p.destroy();
            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> {
                p.destroyForcibly();
                return p;
            }).join();
        });
    }

    /** The running postmaster of a data directory, from the first line of its {@code postmaster.pid}. */
    private static Optional<ProcessHandle> postmaster(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            if (!first.matches("\\d+")) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Deletes a directory tree (nothing if it does not exist). */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
