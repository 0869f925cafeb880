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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.app.testing.AppProcess;
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
        int clickHousePort = FreePorts.pick();
        AppProcess app = AppProcess.packaged().heap("-Xmx512m").embeddedOnFreePorts()
                .set("tlsrpt.clickhouse.port", clickHousePort).start(dataDir);
        try {
            assertThat(app.awaitReady(Duration.ofSeconds(120))).as("ready; log:%n%s", app.tail()).isTrue();
            assertThat(Files.readString(app.log())).contains("tlsrpt is running").contains("(embedded)")
                    .contains(dataDir.resolve("data").toString());
            assertThat(Files.isDirectory(dataDir.resolve("data/kafka"))).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("data/clickhouse"))).isTrue();
            assertThat(query(clickHousePort, "SELECT version()")).startsWith("26.");

            ProcessHandle child = clickHouseChild(app).orElseThrow();
            child.destroyForcibly();

            assertThat(app.awaitReadiness(503, Duration.ofSeconds(30)))
                    .as("readiness DOWN after the ClickHouse child was killed").isTrue();
            assertThat(app.awaitReady(Duration.ofSeconds(90))).as("readiness UP again; log:%n%s", app.tail()).isTrue();
            assertThat(clickHouseChild(app).map(ProcessHandle::pid)).isPresent().isNotEqualTo(Optional.of(child.pid()));
            assertThat(query(clickHousePort, "SELECT 1 + 1")).isEqualTo("2");
        } finally {
            app.close();
        }
        assertThat(app.handle().descendants().filter(ProcessHandle::isAlive).count())
                .as("no process left behind").isZero();
    }

    private static Optional<ProcessHandle> clickHouseChild(AppProcess app) {
        return app.handle().descendants()
                .filter(p -> p.info().arguments().map(args -> List.of(args).toString().contains("ChdbServerMain"))
                        .orElse(false))
                .findFirst();
    }

    private String query(int port, String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }
}
