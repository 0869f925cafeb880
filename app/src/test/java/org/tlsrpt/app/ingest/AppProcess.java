package org.tlsrpt.app.ingest;

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
 * The packaged application ({@code quarkus-run.jar run}) as a process, as {@code bin/tlsrpt run} starts it. Runs
 * with a small heap that ends the process on OutOfMemoryError, so "still alive and answering" means the heap stayed
 * bounded.
 */
public final class AppProcess implements AutoCloseable {

    static final String HEAP = "-Xmx256m";

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AppProcess(Process process, Path log, int httpPort, int managementPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** Starts the application with these {@code -D} settings and waits until it is ready. */
    static AppProcess start(Path workDir, int httpPort, List<String> settings) throws IOException, InterruptedException {
        return start(workDir, httpPort, HEAP, settings);
    }

    /** As above with another heap, for a process that also hosts the embedded Kafka broker. */
    public static AppProcess start(Path workDir, int httpPort, String heap, List<String> settings)
            throws IOException, InterruptedException {
        int managementPort = FreePorts.pick();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+ExitOnOutOfMemoryError",
                "-Dquarkus.http.port=" + httpPort, "-Dquarkus.management.port=" + managementPort));
        settings.forEach(setting -> command.add("-D" + setting));
        command.addAll(List.of("-jar", System.getProperty("tlsrpt.app.jar"),
                "run", "--data-dir", dataDir(workDir).toString()));
        Path log = workDir.resolve("app.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppProcess app = new AppProcess(process, log, httpPort, managementPort);
        if (!app.awaitReady(Duration.ofSeconds(120))) {
            String tail = app.tail();
            app.close();
            throw new IllegalStateException("the application did not become ready; log:\n" + tail);
        }
        return app;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Health and metrics: never on the public port. */
    public int managementPort() {
        return managementPort;
    }

    /** Where this process keeps its data (and its generated secrets). */
    public static Path dataDir(Path workDir) {
        return workDir.resolve("data");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The readiness status code now, or -1 when nothing answers. */
    public int readiness() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }

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

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
