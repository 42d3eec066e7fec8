package com.ordercontrol.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the pipeline running as its own operating-system process. The shipped services (POS,
 * relay, ingest) start from the same self-contained jar an operator installs
 * ({@code <module>/target/<module>-<version>-exec.jar}, {@code java -jar}), so what is tested is what
 * ships. Test-only helpers (the Kafka broker) start from their module's classes and the runtime class
 * path Maven wrote for it ({@code target/runtime-classpath.txt}). Output goes to a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * How to start a service; kept so a fault test can start it again after killing it.
     *
     * @param name        a short name for messages
     * @param home        the repository root
     * @param module      the module folder under {@code home}
     * @param mainClass   the class to run from the module's class path, or {@code null} to run the module's
     *                    runnable jar with {@code java -jar}
     * @param maxHeap     for {@code -Xmx}, e.g. {@code 256m}
     * @param jvmOptions  further JVM options, e.g. the relay's {@code -XX:TieredStopAtLevel=1}
     * @param environment extra environment variables (secrets go here, never on the command line)
     * @param arguments   program arguments, e.g. Spring's {@code --server.port=8081}
     * @param logFile     where stdout and stderr go (appended, so restarts keep the history)
     */
    public record Spec(String name, Path home, String module, String mainClass, String maxHeap,
                       List<String> jvmOptions, Map<String, String> environment, List<String> arguments,
                       Path logFile) {

        /** A spec with no JVM options beyond the heap and the collector. */
        public Spec(String name, Path home, String module, String mainClass, String maxHeap,
                    Map<String, String> environment, List<String> arguments, Path logFile) {
            this(name, home, module, mainClass, maxHeap, List.of(), environment, arguments, logFile);
        }

        public Spec withMaxHeap(String heap) {
            return new Spec(name, home, module, mainClass, heap, jvmOptions, environment, arguments, logFile);
        }

        public Spec withEnvironment(Map<String, String> env) {
            return new Spec(name, home, module, mainClass, maxHeap, jvmOptions, Map.copyOf(env), arguments, logFile);
        }

        public Spec withArguments(List<String> args) {
            return new Spec(name, home, module, mainClass, maxHeap, jvmOptions, environment, List.copyOf(args), logFile);
        }

        @Override
        public String toString() {
            return "Spec[" + name + " " + module + " " + (mainClass == null ? "runnable jar" : mainClass)
                    + "]"; // the environment may hold secrets
        }
    }

    private final Spec spec;
    private final Process process;

    private ServiceProcess(Spec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /** Starts {@code mainClass} of {@code module} (a folder under {@code home}). */
    public static ServiceProcess start(String name, Path home, String module, String mainClass, String maxHeap,
                                       Map<String, String> environment, List<String> arguments, Path logFile) {
        return start(new Spec(name, home, module, mainClass, maxHeap, environment, arguments, logFile));
    }

    /** Starts the service a spec describes. */
    public static ServiceProcess start(Spec spec) {
        String name = spec.name();
        Path logFile = spec.logFile();
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + spec.maxHeap());
            command.add("-XX:+UseSerialGC");
            command.addAll(spec.jvmOptions());
            if (spec.mainClass() == null) {
                command.add("-jar");
                command.add(runnableJar(spec.home(), spec.module()).toString());
            } else {
                command.add("-cp");
                command.add(classPath(spec.home(), spec.module()));
                command.add(spec.mainClass());
            }
            command.addAll(spec.arguments());
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(spec.environment());
            return new ServiceProcess(spec, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * The self-contained jar {@code mvn package} builds for a service module:
     * {@code <module>/target/<module>-<version>-exec.jar}.
     */
    public static Path runnableJar(Path home, String module) {
        Path target = home.resolve(module).resolve("target");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (var files = Files.list(target)) {
                files.filter(f -> {
                    String n = f.getFileName().toString();
                    return n.startsWith(module + "-") && n.endsWith("-exec.jar");
                }).forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (jars.size() != 1) {
            throw new IllegalStateException(module + " has " + (jars.isEmpty() ? "no" : "more than one")
                    + " runnable jar (" + target + "/" + module + "-*-exec.jar); run: mvn -B package -DskipTests");
        }
        return jars.get(0);
    }

    private static String classPath(Path home, String module) throws IOException {
        Path moduleDir = home.resolve(module);
        Path classes = moduleDir.resolve("target/classes");
        Path classpathFile = moduleDir.resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(module + " is not built (missing " + classpathFile
                    + "); run: mvn -B package -DskipTests");
        }
        return classes + java.io.File.pathSeparator + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    }

    public String name() {
        return spec.name();
    }

    public Spec spec() {
        return spec;
    }

    public Path logFile() {
        return spec.logFile();
    }

    /** A new process from the same spec (this one must have stopped). */
    public ServiceProcess restart() {
        return start(spec);
    }

    /** Freezes the process (SIGSTOP), as a hung machine would look from outside. */
    public void pause() {
        signal("STOP");
    }

    /** Thaws a paused process (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Fails with the tail of the log when the process has already exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name() + " exited with status " + process.exitValue()
                    + "; last lines of " + logFile() + ":\n" + tail(40));
        }
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Abrupt stop, as a power cut or {@code kill -9} would do it. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** Graceful stop (SIGTERM), then forcibly after 30 s. */
    @Override
    public void close() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(30))) {
            kill();
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
