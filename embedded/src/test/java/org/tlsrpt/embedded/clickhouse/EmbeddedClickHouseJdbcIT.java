package org.tlsrpt.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The official JDBC driver (jdbc-v2) against the embedded engine, as the processor and the API will use it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedClickHouseJdbcIT {

    private Path dataDir;
    private EmbeddedClickHouse clickhouse;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("tlsrpt-chdb-jdbc");
        clickhouse = EmbeddedClickHouse.start(EmbeddedClickHouseConfig.defaults(dataDir).withPort(0)
                .withCredentials("tlsrpt", "s3cret"));
    }

    @AfterAll
    void stop() throws Exception {
        if (clickhouse != null) {
            clickhouse.close();
        }
        ClickHouseTestSupport.printLogTailOnFailure(dataDir);
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "tlsrpt");
        props.setProperty("password", "s3cret");
        return DriverManager.getConnection(clickhouse.jdbcUrl(), props);
    }

    @Test
    void wrongPasswordIsRefused() {
        Properties props = new Properties();
        props.setProperty("user", "tlsrpt");
        props.setProperty("password", "wrong");
        assertThatThrownBy(() -> {
            try (Connection c = DriverManager.getConnection(clickhouse.jdbcUrl(), props);
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
        }).isInstanceOf(SQLException.class);
    }

    @Test
    void createsAMergeTreeTableAndBatchInsertsOneHundredThousandRows() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch_rows (id UInt64, domain LowCardinality(String), day Date, failed UInt32) "
                    + "ENGINE = MergeTree ORDER BY (domain, id)");
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO batch_rows (id, domain, day, failed) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 100_000; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "example-" + (i % 100) + ".org");
                    insert.setObject(3, LocalDate.of(2026, 1, 1).plusDays(i % 30));
                    insert.setInt(4, i % 7);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(), uniqExact(domain), sum(failed), max(day) FROM batch_rows")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(100_000);
                assertThat(rs.getLong(2)).isEqualTo(100);
                long expectedFailed = 0;
                for (int i = 0; i < 100_000; i++) {
                    expectedFailed += i % 7;
                }
                assertThat(rs.getLong(3)).isEqualTo(expectedFailed);
                assertThat(rs.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2026, 1, 30));
            }
        }
    }

    @Test
    void selectsEveryColumnTypeTheSchemaUses() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE typed (id UInt64, s String, lc LowCardinality(String), i64 Int64, u32 UInt32, "
                    + "d Date, ts DateTime64(3, 'UTC'), arr Array(String), m Map(String, String), ip4 IPv4, ip6 IPv6, "
                    + "ns Nullable(String), fs FixedString(4), u UUID, e Enum8('sts' = 1, 'tlsa' = 2)) "
                    + "ENGINE = MergeTree ORDER BY id");
            s.execute("INSERT INTO typed VALUES (1, 'héllo', 'google.com', -42, 4000000000, '2026-04-01', "
                    + "'2026-04-01 12:34:56.789', ['mx1.example.org', 'mx2.example.org'], {'k': 'v'}, '192.0.2.1', "
                    + "'2001:db8::1', NULL, 'abcd', '123e4567-e89b-12d3-a456-426614174000', 'tlsa'), "
                    + "(2, '', '', 0, 0, '1970-01-01', '1970-01-01 00:00:00.000', [], {}, '0.0.0.0', '::', 'x', "
                    + "'wxyz', '00000000-0000-0000-0000-000000000000', 'sts')");
            try (ResultSet rs = s.executeQuery("SELECT * FROM typed ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("id")).isEqualTo(1);
                assertThat(rs.getString("s")).isEqualTo("héllo");
                assertThat(rs.getString("lc")).isEqualTo("google.com");
                assertThat(rs.getLong("i64")).isEqualTo(-42);
                assertThat(rs.getLong("u32")).isEqualTo(4_000_000_000L);
                assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2026, 4, 1));
                assertThat(rs.getTimestamp("ts").toInstant()).isEqualTo(java.time.Instant.parse("2026-04-01T12:34:56.789Z"));
                Array arr = rs.getArray("arr");
                assertThat((Object[]) arr.getArray()).containsExactly("mx1.example.org", "mx2.example.org");
                assertThat(((Map<?, ?>) rs.getObject("m")).get("k")).isEqualTo("v");
                assertThat(rs.getObject("ip4").toString()).contains("192.0.2.1");
                assertThat(rs.getObject("ip6").toString()).contains("2001:db8");
                assertThat(rs.getString("ns")).isNull();
                assertThat(rs.wasNull()).isTrue();
                assertThat(rs.getString("fs")).isEqualTo("abcd");
                assertThat(rs.getObject("u").toString()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
                assertThat(rs.getString("e")).isEqualTo("tlsa");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("ns")).isEqualTo("x");
                assertThat(rs.getString("e")).isEqualTo("sts");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void bindsParametersOfAPreparedQuery() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE params (domain String, day Date, n UInt64) ENGINE = MergeTree ORDER BY domain");
            s.execute("INSERT INTO params VALUES ('a.org', '2026-01-01', 1), ('b.org', '2026-01-02', 2), "
                    + "('it''s.org', '2026-01-03', 3)");
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT sum(n) FROM params WHERE domain IN (?, ?) AND day >= ?")) {
                q.setString(1, "a.org");
                q.setString(2, "it's.org");
                q.setObject(3, LocalDate.of(2026, 1, 1));
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(4);
                }
            }
        }
    }

    @Test
    void badSqlSurfacesAsSqlExceptionWithTheClickHouseErrorCode() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEC 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(62);
                        assertThat(e.getMessage()).contains("Syntax error");
                    });
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(60));
            // the connection stays usable after an error
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void eightThreadsQueryWhileAnotherInserts() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE concurrent (id UInt64, v String) ENGINE = MergeTree ORDER BY id");
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<Integer> writer = pool.submit(() -> {
                try (Connection c = connect();
                        PreparedStatement insert = c.prepareStatement("INSERT INTO concurrent VALUES (?, ?)")) {
                    for (int batch = 0; batch < 20; batch++) {
                        for (int i = 0; i < 1_000; i++) {
                            insert.setLong(1, batch * 1_000L + i);
                            insert.setString(2, "v" + i);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                    return 20_000;
                } finally {
                    writing.set(false);
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                readers.add(pool.submit((Callable<Integer>) () -> {
                    int queries = 0;
                    long last = 0;
                    try (Connection c = connect(); Statement s = c.createStatement()) {
                        while (writing.get() || queries < 5) {
                            try (ResultSet rs = s.executeQuery("SELECT count(), max(id) FROM concurrent")) {
                                assertThat(rs.next()).isTrue();
                                long count = rs.getLong(1);
                                assertThat(count).isGreaterThanOrEqualTo(last);
                                last = count;
                            }
                            queries++;
                        }
                    }
                    return queries;
                }));
            }
            assertThat(writer.get(120, TimeUnit.SECONDS)).isEqualTo(20_000);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(5);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(), uniqExact(id) FROM concurrent")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(20_000);
            assertThat(rs.getLong(2)).isEqualTo(20_000);
        }
    }
}
