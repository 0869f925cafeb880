package org.tlsrpt.api.query;

import java.sql.SQLException;

/** ClickHouse refused or did not answer a query: answered with 503, the cause goes to the log only. */
public class QueryFailedException extends RuntimeException {

    public QueryFailedException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
