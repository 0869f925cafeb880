package org.tlsrpt.app.distributed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tlsrpt.embedded.FreePorts;

/**
 * The packaged application ({@code quarkus-run.jar run}) running some roles against the external Kafka cluster and
 * ClickHouse, as one Deployment's pod would. {@link #kill()} is {@code kill -9}.
 */
final class RoleProcess implements AutoCloseable {

    private final String name;
    private final int httpPort;
    private final int managementPort;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RoleProcess(String name, int httpPort, int managementPort, Process process, Path log) {
        this.name = name;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code name} with these {@code -D} settings; it is ready after {@link #awaitReady}. */
    static RoleProcess start(Path workDir, String name, int httpPort, String heap, List<String> settings)
            throws IOException {
        Path dir = workDir.resolve(name);
        Files.createDirectories(dir);
        int managementPort = FreePorts.pick();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + managementPort));
        settings.forEach(setting -> command.add("-D" + setting));
        command.addAll(List.of("-jar", System.getProperty("tlsrpt.app.jar"),
                "run", "--data-dir", dir.resolve("data").toString()));
        Path log = dir.resolve("app.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new RoleProcess(name, httpPort, managementPort, process, log);
    }

    /** Runs {@code tlsrpt migrate} with these settings to its end, as the Kubernetes Job does before the roles. */
    static void migrate(Path workDir, List<String> settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        settings.forEach(setting -> command.add("-D" + setting));
        command.addAll(List.of("-jar", System.getProperty("tlsrpt.app.jar"), "migrate"));
        Path log = workDir.resolve("migrate.log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("tlsrpt migrate did not finish; log:\n" + Logs.tail(log));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("tlsrpt migrate failed (" + process.exitValue() + "):\n" + Logs.tail(log));
        }
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (readiness() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not become ready; log:\n" + Logs.tail(log));
    }

    private int readiness() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path log() {
        return log;
    }

    /** CPU seconds this process has used so far. */
    double cpuSeconds() {
        return ProcessCpu.seconds(process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no offset commit, no leaving the consumer group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
