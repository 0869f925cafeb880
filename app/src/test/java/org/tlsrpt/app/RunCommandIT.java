package org.tlsrpt.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.embedded.FreePorts;

/**
 * {@code tlsrpt run} as a user starts it: the packaged application, everything embedded, its own data directory.
 * Then the ClickHouse child is killed with SIGKILL: readiness must go DOWN, come back UP, and queries work again.
 */
class RunCommandIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @Test
    void runStartsEverythingEmbeddedAndRecoversWhenTheClickHouseChildIsKilled() throws Exception {
        int httpPort = FreePorts.pick();
        int clickHousePort = FreePorts.pick();
        Path log = dataDir.resolve("run.log");
        Process app = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + httpPort,
                "-Dtlsrpt.kafka.port=" + FreePorts.pick(),
                "-Dtlsrpt.kafka.controller-port=" + FreePorts.pick(),
                "-Dtlsrpt.clickhouse.port=" + clickHousePort,
                "-jar", System.getProperty("tlsrpt.app.jar"),
                "run", "--data-dir", dataDir.resolve("data").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
            assertThat(awaitStatus(ready, status -> status == 200, Duration.ofSeconds(120)))
                    .as("ready; log:%n%s", tail(log)).isTrue();
            assertThat(Files.readString(log)).contains("tlsrpt is running").contains("(embedded)")
                    .contains(dataDir.resolve("data").toString());
            assertThat(Files.isDirectory(dataDir.resolve("data/kafka"))).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("data/clickhouse"))).isTrue();
            assertThat(query(clickHousePort, "SELECT version()")).startsWith("26.");

            ProcessHandle child = clickHouseChild(app).orElseThrow();
            child.destroyForcibly();

            assertThat(awaitStatus(ready, status -> status == 503, Duration.ofSeconds(30)))
                    .as("readiness DOWN after the ClickHouse child was killed").isTrue();
            assertThat(awaitStatus(ready, status -> status == 200, Duration.ofSeconds(90)))
                    .as("readiness UP again; log:%n%s", tail(log)).isTrue();
            assertThat(clickHouseChild(app).map(ProcessHandle::pid)).isPresent().isNotEqualTo(Optional.of(child.pid()));
            assertThat(query(clickHousePort, "SELECT 1 + 1")).isEqualTo("2");
        } finally {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        assertThat(app.toHandle().descendants().filter(ProcessHandle::isAlive).count())
                .as("no process left behind").isZero();
    }

    private static Optional<ProcessHandle> clickHouseChild(Process app) {
        return app.toHandle().descendants()
                .filter(p -> p.info().arguments().map(args -> List.of(args).toString().contains("ChdbServerMain"))
                        .orElse(false))
                .findFirst();
    }

    private boolean awaitStatus(URI uri, IntPredicate wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (wanted.test(response.statusCode())) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(100);
        }
        return false;
    }

    private String query(int port, String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
