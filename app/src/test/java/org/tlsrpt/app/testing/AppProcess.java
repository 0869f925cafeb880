package org.tlsrpt.app.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tlsrpt.embedded.FreePorts;

/**
 * The packaged application ({@code quarkus-run.jar}) as a child process, started as {@code bin/tlsrpt} starts it:
 * the one helper for the app's process tests, the distributed test's role processes and the benchmarks (it is in
 * app's test-jar, which bench depends on). Configure with {@link Launch}, then {@code start} ({@code tlsrpt run}),
 * or {@link Launch#runToEnd} for a command such as {@code migrate}. Its output goes to {@code app.log} in its work
 * directory; {@link #close()} is SIGTERM (a clean shutdown), {@link #kill()} is {@code kill -9}.
 *
 * <p>Health checks and metrics are on the management port ({@code quarkus.management.port}), never the public one;
 * {@link #healthUrl} is the one place that knows. Every port it picks is free and distinct from the others it picks
 * ({@code ConfigCheck} refuses two settings on one port).
 */
public final class AppProcess implements AutoCloseable {

    /** The heap unless {@link Launch#heap} says otherwise: small, so "still alive and answering" means bounded. */
    public static final String HEAP = "-Xmx256m";

    private static final String HTTP_PORT = "quarkus.http.port";
    private static final String MANAGEMENT_PORT = "quarkus.management.port";

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final Path dataDir;
    private final Path deletedOnClose;
    private final Map<String, String> settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AppProcess(String name, Process process, Path log, Map<String, String> settings, Path dataDir,
            Path deletedOnClose) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.settings = Map.copyOf(settings);
        this.httpPort = port(HTTP_PORT);
        this.managementPort = port(MANAGEMENT_PORT);
        this.dataDir = dataDir;
        this.deletedOnClose = deletedOnClose;
    }

    /** The jar the build made, as the failsafe and benchmark runs name it ({@code -Dtlsrpt.app.jar}). */
    public static Launch packaged() {
        String jar = System.getProperty("tlsrpt.app.jar");
        if (jar == null) {
            throw new IllegalStateException("-Dtlsrpt.app.jar is not set: it names the packaged quarkus-run.jar");
        }
        return of(Path.of(jar));
    }

    public static Launch of(Path jar) {
        return new Launch(jar);
    }

    /** How the process is started; every setter returns this launch. */
    public static final class Launch {

        private final Path jar;
        private String name = "tlsrpt";
        private String heap = HEAP;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> runOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        /** Settings that get a free port at start, unless set otherwise. */
        private final List<String> freePorts = new ArrayList<>(List.of(HTTP_PORT, MANAGEMENT_PORT));

        private Launch(Path jar) {
            this.jar = jar;
        }

        /** The name in messages; with {@link #start(Path)} also the sub-directory of the work directory it runs in. */
        public Launch named(String processName) {
            this.name = processName;
            return this;
        }

        /** The {@code -Xmx} option, e.g. {@code -Xmx512m} for a process that hosts the embedded Kafka too. */
        public Launch heap(String maxHeap) {
            this.heap = maxHeap;
            return this;
        }

        /** Further JVM options, after the heap. */
        public Launch jvm(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Options of {@code tlsrpt run} after {@code --data-dir}, e.g. {@code --demo}. */
        public Launch runOptions(String... options) {
            runOptions.addAll(List.of(options));
            return this;
        }

        /** One setting, passed as {@code -Dkey=value}. */
        public Launch set(String key, Object value) {
            settings.put(key, String.valueOf(value));
            return this;
        }

        /** Settings written {@code key=value}, each passed as {@code -Dkey=value}. */
        public Launch settings(List<String> keyValues) {
            for (String keyValue : keyValues) {
                int equals = keyValue.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("not key=value: " + keyValue);
                }
                set(keyValue.substring(0, equals), keyValue.substring(equals + 1));
            }
            return this;
        }

        public Launch env(String variable, String value) {
            environment.put(variable, value);
            return this;
        }


        /**
         * Everything embedded on free loopback ports (Kafka, its controller, ClickHouse, SMTP), so that a run beside
         * another on this machine does not clash on the defaults.
         */
        public Launch embeddedOnFreePorts() {
            freePorts.addAll(List.of("tlsrpt.kafka.port", "tlsrpt.kafka.controller-port", "tlsrpt.clickhouse.port",
                    "tlsrpt.ingest.smtp.port"));
            return set("tlsrpt.ingest.smtp.host", "127.0.0.1");
        }

        /**
         * Starts {@code tlsrpt run} with its data in {@code workDir/data} (or {@code workDir/<name>/data} when
         * {@link #named}), without waiting; see {@link AppProcess#awaitReady}.
         */
        public AppProcess start(Path workDir) throws IOException {
            Path dir = name.equals("tlsrpt") ? workDir : Files.createDirectories(workDir.resolve(name));
            return start(dir, null);
        }

        /** {@link #start(Path)}, then waits until ready; if it is not, stops it and fails with the end of its log. */
        public AppProcess startReady(Path workDir, Duration timeout) throws IOException, InterruptedException {
            return awaitedOrClosed(start(workDir), timeout);
        }

        /** As {@link #startReady(Path, Duration)} in a fresh temporary directory, deleted on {@link #close()}. */
        public AppProcess startReady(Duration timeout) throws IOException, InterruptedException {
            Path dir = Files.createTempDirectory("tlsrpt-app-");
            return awaitedOrClosed(start(dir, dir), timeout);
        }

        /** Runs {@code command} (e.g. {@code migrate}) in {@code workDir} to its end; fails unless it exits with 0. */
        public void runToEnd(Path workDir, Duration timeout, String... command) throws IOException,
                InterruptedException {
            Path output = workDir.resolve(command[0] + ".log");
            Process process = new ProcessBuilder(commandLine(List.of(command))).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("tlsrpt " + command[0] + " did not finish; log:\n" + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("tlsrpt " + command[0] + " failed (" + process.exitValue() + "):\n"
                        + tail(output));
            }
        }

        private AppProcess start(Path dir, Path deletedOnClose) throws IOException {
            List<String> unset = freePorts.stream().filter(key -> !settings.containsKey(key)).toList();
            int[] ports = FreePorts.pickDistinct(unset.size());
            for (int i = 0; i < ports.length; i++) {
                set(unset.get(i), ports[i]);
            }
            Path output = dir.resolve("app.log");
            Path data = dataDir(dir);
            List<String> run = new ArrayList<>(List.of("run", "--data-dir", data.toString()));
            run.addAll(runOptions);
            ProcessBuilder builder = new ProcessBuilder(commandLine(run)).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            return new AppProcess(name, builder.start(), output, settings, data, deletedOnClose);
        }

        private List<String> commandLine(List<String> arguments) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    heap, "-XX:+ExitOnOutOfMemoryError"));
            command.addAll(jvmOptions);
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(arguments);
            return command;
        }

        private static AppProcess awaitedOrClosed(AppProcess app, Duration timeout) throws InterruptedException {
            try {
                app.requireReady(timeout);
                return app;
            } catch (IllegalStateException notReady) {
                app.close();
                throw notReady;
            }
        }
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The port a setting names, e.g. the free one picked for {@code tlsrpt.clickhouse.port}. */
    public int port(String setting) {
        String value = settings.get(setting);
        if (value == null) {
            throw new IllegalArgumentException(setting + " was not set for " + name);
        }
        return Integer.parseInt(value);
    }

    /** Health and metrics: never on the public port. */
    public int managementPort() {
        return managementPort;
    }

    /** Where the health check {@code check} ({@code ready}, {@code live}) is served: the one place that knows. */
    public URI healthUrl(String check) {
        return URI.create("http://127.0.0.1:" + managementPort + "/q/health/" + check);
    }

    /** Where a process started in {@code workDir} keeps its data (and its generated secrets). */
    public static Path dataDir(Path workDir) {
        return workDir.resolve("data");
    }

    /** The password {@code tlsrpt run} made for its embedded ClickHouse, kept in the data directory. */
    public String embeddedClickHousePassword() throws IOException {
        return Files.readString(dataDir.resolve("secrets").resolve("clickhouse-password")).strip();
    }

    /** The readiness status code now, or -1 when nothing answers. */
    public int readiness() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(healthUrl("ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }

    /** Polls readiness until it is {@code status}; false when the time is up or the process has ended. */
    public boolean awaitReadiness(int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (readiness() == status) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return awaitReadiness(200, timeout);
    }

    /** Waits until ready, or fails with the end of its log. */
    public void requireReady(Duration timeout) throws InterruptedException {
        if (!awaitReady(timeout)) {
            throw new IllegalStateException(name + (process.isAlive() ? " did not become ready within "
                    + timeout.toSeconds() + " s" : " exited with " + process.exitValue()) + "; log:\n" + tail());
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path log() {
        return log;
    }

    /** The last 60 lines of its output. */
    public String tail() {
        return tail(log);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** {@code kill -9}: no shutdown hook, no offset commit, no leaving the consumer group. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM and a clean exit ({@code kill -9} after 60 s); then the temporary directory, if it made one, goes. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                System.err.println(name + " did not stop within 60 s; killing it");
                kill();
            }
        }
        if (deletedOnClose != null) {
            WorkDirs.delete(deletedOnClose);
        }
    }
}
