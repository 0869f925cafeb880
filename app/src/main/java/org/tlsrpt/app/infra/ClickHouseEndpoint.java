package org.tlsrpt.app.infra;

/** Where the roles find ClickHouse, through the official JDBC driver. */
public record ClickHouseEndpoint(String jdbcUrl, String user, String password, String origin) {

    /** Leaves the password out, so the endpoint can be logged. */
    @Override
    public String toString() {
        return "ClickHouseEndpoint[" + jdbcUrl + ", user=" + user + ", " + origin + "]";
    }
}
