package org.tlsrpt.embedded.clickhouse;

/** The embedded ClickHouse could not be started. */
public final class EmbeddedClickHouseException extends RuntimeException {

    public EmbeddedClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
