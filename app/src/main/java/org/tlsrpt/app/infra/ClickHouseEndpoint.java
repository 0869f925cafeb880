package org.tlsrpt.app.infra;

import org.tlsrpt.storage.ClickHouseConnector;

/** Where the roles find ClickHouse, through the official JDBC driver. */
public record ClickHouseEndpoint(String jdbcUrl, String user, String password, String origin) {

    public ClickHouseConnector connector() {
        return new ClickHouseConnector(jdbcUrl, user, password);
    }

    /** Leaves the password out, so the endpoint can be logged. */
    @Override
    public String toString() {
        return "ClickHouseEndpoint[" + jdbcUrl + ", user=" + user + ", " + origin + "]";
    }
}
