package org.tlsrpt.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.app.processor.CliProcess;
import org.tlsrpt.embedded.FreePorts;

/**
 * {@code tlsrpt run} as a user starts it: the packaged application, everything embedded, its own data directory.
 * Then the ClickHouse child is killed with SIGKILL: readiness must go DOWN, come back UP, and queries work again.
 * Not started from a terminal, it writes its generated API token to a file only its user can read (never to the
 * log); its ClickHouse wants the password kept beside it; health is on the management port only; and a command
 * run beside it by the same user reaches it.
 */
class RunCommandIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    /** The embedded ClickHouse's, as `tlsrpt run` kept it in the data directory. */
    private String password;

    @Test
    void runStartsEverythingEmbeddedAndRecoversWhenTheClickHouseChildIsKilled() throws Exception {
        int[] ports = FreePorts.pickDistinct(6);
        int httpPort = ports[0];
        int managementPort = ports[1];
        int clickHousePort = ports[2];
        int kafkaPort = ports[3];
        Path log = dataDir.resolve("run.log");
        Process app = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + managementPort,
                "-Dtlsrpt.kafka.port=" + kafkaPort,
                "-Dtlsrpt.kafka.controller-port=" + ports[4],
                "-Dtlsrpt.clickhouse.port=" + clickHousePort,
                "-Dtlsrpt.ingest.smtp.host=127.0.0.1",
                "-Dtlsrpt.ingest.smtp.port=" + ports[5],
                "-jar", System.getProperty("tlsrpt.app.jar"),
                "run", "--data-dir", dataDir.resolve("data").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
            assertThat(awaitStatus(ready, status -> status == 200, Duration.ofSeconds(120)))
                    .as("ready; log:%n%s", tail(log)).isTrue();
            assertThat(status(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")))
                    .as("health is not on the public port").isEqualTo(404);
            assertThat(Files.readString(log)).contains("tlsrpt is running").contains("(embedded)")
                    .contains(dataDir.resolve("data").toString());
            assertThat(Files.isDirectory(dataDir.resolve("data/kafka"))).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("data/clickhouse"))).isTrue();

            Path secrets = dataDir.resolve("data/secrets");
            assertThat(Files.getPosixFilePermissions(secrets)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            for (String file : List.of("clickhouse-password", "api-token-pepper", "first-start-token")) {
                assertThat(Files.getPosixFilePermissions(secrets.resolve(file))).as(file)
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            password = Files.readString(secrets.resolve("clickhouse-password")).strip();
            assertThat(query(clickHousePort, "SELECT version()")).startsWith("26.");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clickHousePort + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("ClickHouse without the password")
                    .isEqualTo(403);

            String generated = Files.readString(secrets.resolve("first-start-token")).strip();
            assertThat(Files.readString(log)).as("the log says where the token is, never what it is")
                    .contains(secrets.resolve("first-start-token").toString()).doesNotContain(generated);
            assertThat(apiStatus(httpPort, generated)).isEqualTo(200);

            // a command beside it, same user and data directory: finds ClickHouse's password and the pepper
            CliProcess token = CliProcess.run(List.of("tlsrpt.clickhouse.port=" + clickHousePort,
                    "tlsrpt.kafka.port=" + kafkaPort, "tlsrpt.data-dir=" + dataDir.resolve("data")),
                    "token", "create", "--all-domains");
            assertThat(token.exitCode()).as(token.err()).isZero();
            assertThat(apiStatus(httpPort, token.out().replaceAll("(?s).*token:\\s+(\\S+).*", "$1")))
                    .isEqualTo(200);
            assertThat(apiStatus(httpPort, "not-a-token")).isEqualTo(401);

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

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int apiStatus(int httpPort, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/domains"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String query(int port, String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("default:" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
