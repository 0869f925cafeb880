package org.tlsrpt.app.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tlsrpt.embedded.FreePorts;

/**
 * The packaged application as {@code tlsrpt run} starts it (every role, Kafka and ClickHouse embedded) with the
 * API token taken from {@code TLSRPT_API_TOKEN}, as a user of the embedded default sets it.
 */
final class DashboardApp implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final int kafkaPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DashboardApp(Process process, Path log, int httpPort, int managementPort, int kafkaPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.kafkaPort = kafkaPort;
    }

    /** @param runOptions more options of {@code tlsrpt run} ({@code --demo}) */
    static DashboardApp start(Path workDir, String apiToken, String... runOptions)
            throws IOException, InterruptedException {
        int httpPort = FreePorts.pick();
        int managementPort = FreePorts.pick();
        int kafkaPort = FreePorts.pick();
        Path log = workDir.resolve("app.log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + managementPort,
                "-Dtlsrpt.kafka.port=" + kafkaPort,
                "-Dtlsrpt.kafka.controller-port=" + FreePorts.pick(),
                "-Dtlsrpt.clickhouse.port=" + FreePorts.pick(),
                // the SMTP intake's default 2525 may be taken by another run on this machine
                "-Dtlsrpt.ingest.smtp.host=127.0.0.1",
                "-Dtlsrpt.ingest.smtp.port=" + FreePorts.pick(),
                "-jar", System.getProperty("tlsrpt.app.jar"),
                "run", "--data-dir", workDir.resolve("data").toString()));
        command.addAll(List.of(runOptions));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TLSRPT_API_TOKEN", apiToken);
        DashboardApp app = new DashboardApp(builder.start(), log, httpPort, managementPort, kafkaPort);
        if (!app.awaitReady(Duration.ofSeconds(120))) {
            String tail = app.tail();
            app.close();
            throw new IllegalStateException("the application did not become ready; log:\n" + tail);
        }
        return app;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The embedded Kafka's {@code bootstrap.servers}. */
    String kafka() {
        return "127.0.0.1:" + kafkaPort;
    }

    private boolean awaitReady(Duration timeout) throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        return false;
    }

    String tail() {
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
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
