package org.tlsrpt.storage.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Applies the migration files that are not yet recorded in {@code schema_migrations}, in version order, one
 * statement per request (a ClickHouse server refuses several). Every statement is {@code IF NOT EXISTS}, so a
 * migration interrupted half-way is simply applied again; a recorded migration whose file changed is refused.
 */
public final class SchemaMigrator {

    private static final System.Logger LOG = System.getLogger(SchemaMigrator.class.getName());
    static final String HISTORY_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_migrations ${ON_CLUSTER}
            (
                version     UInt32,
                name        String,
                checksum    String,
                applied_at  DateTime64(3, 'UTC') DEFAULT now64(3)
            )
            ENGINE = ${ENGINE:ReplacingMergeTree(applied_at)}
            ORDER BY version
            """;

    private final ClickHouseConnector connector;
    private final MigrationRenderer renderer;
    private final List<Migration> migrations;

    public SchemaMigrator(ClickHouseConnector connector, SchemaDialect dialect, List<Migration> migrations) {
        this.connector = connector;
        this.renderer = new MigrationRenderer(dialect);
        this.migrations = List.copyOf(migrations);
    }

    /** The migrations shipped with this module. */
    public static SchemaMigrator of(ClickHouseConnector connector, SchemaDialect dialect) {
        return new SchemaMigrator(connector, dialect, MigrationSource.classpath());
    }

    /**
     * @return the versions applied by this call; empty when the schema was already current
     * @throws SQLException when ClickHouse refuses a statement; what was applied before stays recorded
     * @throws IllegalStateException when an applied migration's file has changed since
     */
    public List<Integer> migrate() throws SQLException {
        List<Integer> applied = new ArrayList<>();
        try (Connection connection = connector.open(); Statement statement = connection.createStatement()) {
            for (String ddl : renderer.render(HISTORY_TABLE)) {
                statement.execute(ddl);
            }
            Map<Integer, String> recorded = recorded(statement);
            for (Migration migration : migrations) {
                String checksum = recorded.get(migration.version());
                if (checksum != null) {
                    if (!checksum.equals(migration.checksum())) {
                        throw new IllegalStateException("migration V" + migration.version() + " (" + migration.name()
                                + ") was changed after it was applied; add a new migration instead");
                    }
                    continue;
                }
                for (String ddl : renderer.render(migration.template())) {
                    statement.execute(ddl);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)")) {
                    record.setInt(1, migration.version());
                    record.setString(2, migration.name());
                    record.setString(3, migration.checksum());
                    record.executeUpdate();
                }
                applied.add(migration.version());
                LOG.log(System.Logger.Level.INFO, "applied migration V{0} {1}", migration.version(), migration.name());
            }
        }
        return applied;
    }

    private static Map<Integer, String> recorded(Statement statement) throws SQLException {
        Map<Integer, String> recorded = new HashMap<>();
        try (ResultSet rows = statement.executeQuery("SELECT version, checksum FROM schema_migrations FINAL")) {
            while (rows.next()) {
                recorded.put(rows.getInt(1), rows.getString(2));
            }
        }
        return recorded;
    }

    /** The statements a dialect would run, for review and for checking with the engine's own parser. */
    public List<String> render() {
        List<String> statements = new ArrayList<>(renderer.render(HISTORY_TABLE));
        for (Migration migration : migrations) {
            statements.addAll(renderer.render(migration.template()));
        }
        return statements;
    }
}
