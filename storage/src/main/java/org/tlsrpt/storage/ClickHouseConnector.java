package org.tlsrpt.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Opens JDBC connections to ClickHouse with the official driver (jdbc-v2). Connections are cheap (HTTP), so each
 * unit of work opens its own and closes it.
 *
 * @param jdbcUrl  e.g. {@code jdbc:clickhouse:http://127.0.0.1:8123/default?compress=false}
 * @param user     ClickHouse user
 * @param password its password, may be empty
 */
public record ClickHouseConnector(String jdbcUrl, String user, String password) {

    public ClickHouseConnector {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public String toString() {
        return "ClickHouseConnector[" + jdbcUrl + ", user=" + user + "]";
    }
}
