package org.tlsrpt.embedded.clickhouse;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One {@code chdb_result}: either an error message or a buffer in native memory. The buffer is copied to a stream
 * in small slices, never into one heap array. Must be closed (it frees the native result).
 */
final class ChdbResult implements AutoCloseable {

    private static final int SLICE = 64 * 1024;

    private final ChdbLibrary lib;
    private Pointer handle;
    private final String error;

    ChdbResult(ChdbLibrary lib, Pointer handle) {
        if (handle == null) {
            throw new IllegalStateException("chDB returned no result handle");
        }
        this.lib = lib;
        this.handle = handle;
        this.error = lib.chdb_result_error(handle);
    }

    /** ClickHouse's error text ("Code: 62. DB::Exception: ..."), or null when the query succeeded. */
    String error() {
        return error;
    }

    long length() {
        return lib.chdb_result_length(handle);
    }

    QuerySummary summary() {
        return new QuerySummary(
                lib.chdb_result_storage_rows_read(handle),
                lib.chdb_result_storage_bytes_read(handle),
                lib.chdb_result_rows_written(handle),
                lib.chdb_result_bytes_written(handle),
                lib.chdb_result_rows_read(handle),
                lib.chdb_result_bytes_read(handle),
                (long) (lib.chdb_result_elapsed(handle) * 1e9));
    }

    /** Copies the result buffer to {@code out} in 64 KiB slices. */
    void writeTo(OutputStream out) throws IOException {
        long length = length();
        if (length == 0) {
            return;
        }
        Pointer buffer = lib.chdb_result_buffer(handle);
        byte[] slice = new byte[(int) Math.min(SLICE, length)];
        for (long offset = 0; offset < length; offset += slice.length) {
            int n = (int) Math.min(slice.length, length - offset);
            buffer.read(offset, slice, 0, n);
            out.write(slice, 0, n);
        }
    }

    /** The whole result as UTF-8 text; for small internal queries only. */
    String text() {
        long length = length();
        return length == 0 ? "" : new String(lib.chdb_result_buffer(handle).getByteArray(0, (int) length),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (handle != null) {
            lib.chdb_destroy_query_result(handle);
            handle = null;
        }
    }
}
