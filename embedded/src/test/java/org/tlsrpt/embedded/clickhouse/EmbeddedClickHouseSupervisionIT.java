package org.tlsrpt.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistence across restarts and recovery from a killed child. */
class EmbeddedClickHouseSupervisionIT {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mergeTreeRowsSurviveAStopAndAStartOnTheSameDataDirectory() throws Exception {
        EmbeddedClickHouseConfig config = EmbeddedClickHouseConfig.defaults(dataDir).withPort(0);
        int port;
        try (EmbeddedClickHouse clickhouse = EmbeddedClickHouse.start(config)) {
            port = clickhouse.port();
            try (Connection c = connect(clickhouse); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id UInt64, v String) ENGINE = MergeTree ORDER BY id");
                s.execute("INSERT INTO kept SELECT number, toString(number) FROM numbers(12345)");
            }
        }
        try (EmbeddedClickHouse clickhouse = EmbeddedClickHouse.start(config.withPort(port))) {
            try (Connection c = connect(clickhouse); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(), sum(id) FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(12345);
                assertThat(rs.getLong(2)).isEqualTo(12345L * 12344 / 2);
            }
        }
    }

    @Test
    void aKilledChildIsRestartedAndTheNextQueryWorks() throws Exception {
        EmbeddedClickHouseConfig config = EmbeddedClickHouseConfig.defaults(dataDir).withPort(0)
                .withCredentials("tlsrpt", "pw");
        try (EmbeddedClickHouse clickhouse = EmbeddedClickHouse.start(config);
                Connection c = connect(clickhouse)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survivors (id UInt64) ENGINE = MergeTree ORDER BY id");
                s.execute("INSERT INTO survivors SELECT number FROM numbers(100)");
            }
            long pid = clickhouse.childPid().orElseThrow();
            assertThat(clickhouse.isHealthy()).isTrue();

            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor()).isZero();

            await(() -> !clickhouse.isHealthy(), Duration.ofSeconds(10));
            await(clickhouse::isHealthy, Duration.ofSeconds(60));
            assertThat(clickhouse.restarts()).isEqualTo(1);
            assertThat(clickhouse.childPid().orElseThrow()).isNotEqualTo(pid);

            // the same JDBC connection recovers on its next query, and the data is still there
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM survivors")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(100);
            }
            // plain HTTP, as curl would
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(clickhouse.httpUrl()))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("tlsrpt:pw".getBytes()))
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT version()")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("26.");
        }
    }

    private static Connection connect(EmbeddedClickHouse clickhouse) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", clickhouse.config().user());
        props.setProperty("password", clickhouse.config().password());
        return DriverManager.getConnection(clickhouse.jdbcUrl(), props);
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
