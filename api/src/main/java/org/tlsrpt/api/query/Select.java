package org.tlsrpt.api.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Runs one parameterised SELECT and maps its rows; every value reaches ClickHouse as a bound parameter. Reading
 * column values is {@link org.tlsrpt.storage.Sql}'s.
 */
final class Select {

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Select() {
    }

    static <T> List<T> list(ClickHouseConnector connector, String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = connector.open(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new QueryFailedException(e);
        }
    }

    /**
     * Binds the two parameters of {@code (? OR policy_domain IN ?)}: true for an unrestricted scope, else false and
     * the scope's domains.
     */
    static int bindScope(PreparedStatement statement, int index, Scope scope) throws SQLException {
        statement.setBoolean(index, scope.allDomains());
        statement.setObject(index + 1, List.copyOf(scope.domains()));
        return index + 2;
    }

    static int bindPeriod(PreparedStatement statement, int index, Period period) throws SQLException {
        statement.setObject(index, period.from());
        statement.setObject(index + 1, period.to());
        return index + 2;
    }
}
