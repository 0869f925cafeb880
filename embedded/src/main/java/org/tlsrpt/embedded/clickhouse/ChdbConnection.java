package org.tlsrpt.embedded.clickhouse;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One chDB connection (a ClickHouse session) on the shared data path. Not thread-safe: a connection runs one
 * statement at a time, so {@link ChdbEngine} lends each to one request at a time. Keeps the session's current
 * database so that requests only pay for {@code USE} when they switch.
 */
final class ChdbConnection implements AutoCloseable {

    private final ChdbLibrary lib;
    private Pointer connectionPointer;
    private final Pointer connection;
    private String database = "default";

    ChdbConnection(ChdbLibrary lib, Pointer connectionPointer) {
        this.lib = lib;
        this.connectionPointer = connectionPointer;
        this.connection = connectionPointer.getPointer(0);
    }

    ChdbResult query(String sql, String format) {
        return query(sql.getBytes(StandardCharsets.UTF_8), format);
    }

    ChdbResult query(byte[] query, String format) {
        byte[] fmt = format.getBytes(StandardCharsets.US_ASCII);
        return new ChdbResult(lib, lib.chdb_query_n(connection, query, query.length, fmt, fmt.length));
    }

    /** Runs a query whose text is already in native memory (a large request body). */
    ChdbResult query(Pointer sql, long length, String format) {
        byte[] fmt = format.getBytes(StandardCharsets.US_ASCII);
        return new ChdbResult(lib, lib.chdb_query_n(connection, sql, length, fmt, fmt.length));
    }

    /** Runs a query with server-side binding of {@code {name:Type}} placeholders. */
    ChdbResult query(byte[] query, String format, Map<String, String> params) {
        if (params.isEmpty()) {
            return query(query, format);
        }
        byte[] fmt = format.getBytes(StandardCharsets.US_ASCII);
        int n = params.size();
        Pointer[] names = new Pointer[n];
        Pointer[] values = new Pointer[n];
        long[] nameLengths = new long[n];
        long[] valueLengths = new long[n];
        List<Memory> keepAlive = new ArrayList<>(2 * n);
        int i = 0;
        for (Map.Entry<String, String> param : params.entrySet()) {
            Memory name = copy(param.getKey().getBytes(StandardCharsets.UTF_8));
            Memory value = copy(param.getValue().getBytes(StandardCharsets.UTF_8));
            keepAlive.add(name);
            keepAlive.add(value);
            names[i] = name;
            values[i] = value;
            nameLengths[i] = param.getKey().getBytes(StandardCharsets.UTF_8).length;
            valueLengths[i] = param.getValue().getBytes(StandardCharsets.UTF_8).length;
            i++;
        }
        Pointer result = lib.chdb_query_with_params_n(connection, query, query.length, fmt, fmt.length, names,
                nameLengths, values, valueLengths, n);
        keepAlive.clear();
        return new ChdbResult(lib, result);
    }

    private static Memory copy(byte[] bytes) {
        Memory memory = new Memory(Math.max(1, bytes.length));
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    String database() {
        return database;
    }

    void database(String database) {
        this.database = database;
    }

    @Override
    public void close() {
        if (connectionPointer != null) {
            lib.chdb_close_conn(connectionPointer);
            connectionPointer = null;
        }
    }
}
