package org.tlsrpt.embedded.clickhouse;

/**
 * What ClickHouse reports in the {@code X-ClickHouse-Summary} header, taken from chDB's result counters.
 *
 * @param readRows     rows read from storage
 * @param readBytes    bytes read from storage
 * @param writtenRows  rows written (INSERT, including materialized views)
 * @param writtenBytes bytes written
 * @param resultRows   rows in the result set
 * @param resultBytes  bytes of the result set (internal representation)
 * @param elapsedNs    execution time
 */
record QuerySummary(long readRows, long readBytes, long writtenRows, long writtenBytes, long resultRows,
        long resultBytes, long elapsedNs) {

    /** The header value, in ClickHouse's shape: a JSON object whose numbers are strings. */
    String toHeader() {
        return "{\"read_rows\":\"" + readRows + "\",\"read_bytes\":\"" + readBytes
                + "\",\"written_rows\":\"" + writtenRows + "\",\"written_bytes\":\"" + writtenBytes
                + "\",\"total_rows_to_read\":\"" + readRows + "\",\"result_rows\":\"" + resultRows
                + "\",\"result_bytes\":\"" + resultBytes + "\",\"elapsed_ns\":\"" + elapsedNs + "\"}";
    }
}
