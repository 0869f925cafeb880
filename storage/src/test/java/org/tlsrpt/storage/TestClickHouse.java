package org.tlsrpt.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouse;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouseConfig;
import org.tlsrpt.storage.schema.SchemaDialect;
import org.tlsrpt.storage.schema.SchemaMigrator;

/** The embedded ClickHouse (chDB child) on a free port, with a small query helper for assertions. */
public final class TestClickHouse implements AutoCloseable {

    private final Path dataDir;
    private final EmbeddedClickHouse clickhouse;
    private final ClickHouseConnector connector;

    public TestClickHouse() throws Exception {
        dataDir = Files.createTempDirectory("tlsrpt-storage-ch");
        clickhouse = EmbeddedClickHouse.start(EmbeddedClickHouseConfig.defaults(dataDir).withPort(0));
        connector = new ClickHouseConnector(clickhouse.jdbcUrl(), clickhouse.config().user(),
                clickhouse.config().password());
    }

    public ClickHouseConnector connector() {
        return connector;
    }

    /** A connector to a new, empty database with the schema migrated, so tests do not see each other's rows. */
    public ClickHouseConnector freshDatabase(String name) throws Exception {
        return freshDatabase(name, SchemaDialect.singleNode());
    }

    /** The same with the schema rendered for {@code dialect} (another retention, say). */
    public ClickHouseConnector freshDatabase(String name, SchemaDialect dialect) throws Exception {
        execute("CREATE DATABASE IF NOT EXISTS " + name);
        ClickHouseConnector database = new ClickHouseConnector(
                clickhouse.jdbcUrl().replace("/default?", "/" + name + "?"), clickhouse.config().user(),
                clickhouse.config().password());
        SchemaMigrator.of(database, dialect).migrate();
        return database;
    }

    public EmbeddedClickHouse engine() {
        return clickhouse;
    }

    /** Rows of a query, each as a list of strings (null stays null). */
    public List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = connector.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public long number(String sql) throws SQLException {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() || rows.get(0).get(0) == null ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connector.open(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        clickhouse.close();
    }
}
