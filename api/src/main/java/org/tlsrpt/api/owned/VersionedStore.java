package org.tlsrpt.api.owned;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.tlsrpt.storage.Sql;
import org.tlsrpt.api.alert.Versions;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Owned things in a ClickHouse {@code ReplacingMergeTree(version)} table ordered by {@code id}: every change inserts
 * the whole row again with a higher version ({@link Versions}), and readers take the latest version of each id with
 * {@code FINAL}. A table with a {@code deleted} column is soft-deleted: a delete inserts the row once more with
 * {@code deleted = 1}, and readers skip it. Rows are never removed, so the last version is always the whole truth.
 * The owner's scope is kept in two columns (all domains, the domain list), written and read here only.
 *
 * @param <T> the owned thing
 */
public final class VersionedStore<T extends Owned> {

    /**
     * Where the rows live.
     *
     * @param name        the table
     * @param ownerAll    the Bool column "the owner has all domains"
     * @param ownerDomain the Array(String) column of the owner's domains
     * @param softDeleted whether the table has a {@code deleted} column (tokens are revoked, never deleted)
     * @param columns     the thing's own columns (all but id, version, deleted and the owner), in the order
     *                    {@link Columns#bind} sets them
     */
    public record Table(String name, String ownerAll, String ownerDomain, boolean softDeleted, List<String> columns) {

        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** How a thing maps to its table's own columns. */
    public interface Columns<T> {

        /** Sets the thing's values from parameter {@code first} on, in the order of {@link Table#columns()}. */
        void bind(T thing, PreparedStatement insert, int first) throws SQLException;

        /** The thing in the current row (selected with {@code id} and every column). */
        T read(ResultSet row, Scope owner) throws SQLException;
    }

    private final ClickHouseConnector connector;
    private final Clock clock;
    private final Table table;
    private final Columns<T> columns;
    private final String insert;
    private final String select;

    public VersionedStore(ClickHouseConnector connector, Clock clock, Table table, Columns<T> columns) {
        this.connector = connector;
        this.clock = clock;
        this.table = table;
        this.columns = columns;
        List<String> names = new ArrayList<>(List.of("id", "version"));
        if (table.softDeleted()) {
            names.add("deleted");
        }
        names.add(table.ownerAll());
        names.add(table.ownerDomain());
        names.addAll(table.columns());
        this.insert = "INSERT INTO " + table.name() + " (" + String.join(", ", names) + ")"
                + " SETTINGS async_insert = 0 VALUES (" + String.join(", ", Collections.nCopies(names.size(), "?"))
                + ")";
        this.select = "SELECT id, " + table.ownerAll() + ", " + table.ownerDomain() + ", "
                + String.join(", ", table.columns()) + " FROM " + table.name() + " FINAL"
                + " WHERE (? OR id = ?)" + (table.softDeleted() ? " AND deleted = 0" : "")
                + " ORDER BY created_at, id";
    }

    /** Writes {@code thing} as its id's newest version. */
    public void save(T thing) throws SQLException {
        write(thing, false);
    }

    /** Marks {@code thing} deleted; a table without a deleted column has no delete. */
    public void delete(T thing) throws SQLException {
        if (!table.softDeleted()) {
            throw new UnsupportedOperationException(table.name() + " keeps every row; change it instead");
        }
        write(thing, true);
    }

    /** Every thing not deleted, oldest first. */
    public List<T> all() throws SQLException {
        return select(null);
    }

    public Optional<T> find(String id) throws SQLException {
        return select(id).stream().findFirst();
    }

    private void write(T thing, boolean deleted) throws SQLException {
        try (Connection connection = connector.open();
                PreparedStatement statement = connection.prepareStatement(insert)) {
            int i = 0;
            statement.setString(++i, thing.id());
            statement.setLong(++i, Versions.next(clock));
            if (table.softDeleted()) {
                statement.setInt(++i, deleted ? 1 : 0);
            }
            statement.setBoolean(++i, thing.owner().allDomains());
            statement.setObject(++i, List.copyOf(thing.owner().domains()));
            columns.bind(thing, statement, i + 1);
            statement.executeUpdate();
        }
    }

    private List<T> select(String id) throws SQLException {
        List<T> things = new ArrayList<>();
        try (Connection connection = connector.open();
                PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setBoolean(1, id == null);
            statement.setString(2, id == null ? "" : id);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    Scope owner = row.getBoolean(table.ownerAll()) ? Scope.all()
                            : Scope.of(Sql.strings(row, table.ownerDomain()));
                    things.add(columns.read(row, owner));
                }
            }
        }
        return things;
    }
}
