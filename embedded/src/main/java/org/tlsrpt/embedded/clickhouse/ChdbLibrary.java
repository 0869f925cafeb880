package org.tlsrpt.embedded.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * JNA binding of the connection-based C API of libchdb (chdb.h, chDB 26.5). Only the functions this module uses.
 *
 * <p>{@code chdb_connect} returns a {@code chdb_connection *}; every other call takes the {@code chdb_connection}
 * it points to. Results are opaque {@code chdb_result *} handles read through the getters and released with
 * {@code chdb_destroy_query_result}.
 */
interface ChdbLibrary extends Library {

    static ChdbLibrary load(String path) {
        return Native.load(path, ChdbLibrary.class);
    }

    /** {@code chdb_connection * chdb_connect(int argc, char ** argv)}; NULL on failure. */
    Pointer chdb_connect(int argc, String[] argv);

    /** {@code void chdb_close_conn(chdb_connection * conn)}. */
    void chdb_close_conn(Pointer connectionPointer);

    /** {@code chdb_result * chdb_query_n(chdb_connection, const char *, size_t, const char *, size_t)}. */
    Pointer chdb_query_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

    /** Same as above with the query already in native memory (large bodies are read straight into it). */
    Pointer chdb_query_n(Pointer connection, Pointer query, long queryLength, byte[] format, long formatLength);

    /**
     * {@code chdb_result * chdb_query_with_params_n(conn, query, query_len, format, format_len, param_names,
     * param_name_lens, param_values, param_value_lens, param_count)}: binds {@code {name:Type}} placeholders.
     */
    Pointer chdb_query_with_params_n(Pointer connection, byte[] query, long queryLength, byte[] format,
            long formatLength, Pointer[] names, long[] nameLengths, Pointer[] values, long[] valueLengths, long count);

    /** {@code void chdb_destroy_query_result(chdb_result *)}. */
    void chdb_destroy_query_result(Pointer result);

    /** {@code char * chdb_result_buffer(chdb_result *)}. */
    Pointer chdb_result_buffer(Pointer result);

    /** {@code size_t chdb_result_length(chdb_result *)}. */
    long chdb_result_length(Pointer result);

    /** {@code double chdb_result_elapsed(chdb_result *)}, seconds. */
    double chdb_result_elapsed(Pointer result);

    /** {@code uint64_t chdb_result_rows_read(chdb_result *)}: rows in the result set. */
    long chdb_result_rows_read(Pointer result);

    /** {@code uint64_t chdb_result_bytes_read(chdb_result *)}: bytes of the result set. */
    long chdb_result_bytes_read(Pointer result);

    /** {@code uint64_t chdb_result_storage_rows_read(chdb_result *)}: rows read from storage. */
    long chdb_result_storage_rows_read(Pointer result);

    /** {@code uint64_t chdb_result_storage_bytes_read(chdb_result *)}: bytes read from storage. */
    long chdb_result_storage_bytes_read(Pointer result);

    /** {@code uint64_t chdb_result_rows_written(chdb_result *)}. */
    long chdb_result_rows_written(Pointer result);

    /** {@code uint64_t chdb_result_bytes_written(chdb_result *)}. */
    long chdb_result_bytes_written(Pointer result);

    /** {@code const char * chdb_result_error(chdb_result *)}; NULL when the query succeeded. */
    String chdb_result_error(Pointer result);
}
