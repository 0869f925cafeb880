package org.tlsrpt.processor.write;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Inserts RowBinary batches with the official ClickHouse Java client (client-v2, the library under the JDBC
 * driver), every insert synchronous and carrying the batch's deduplication token, which also deduplicates the
 * blocks the materialized views derive from it. Thread-safe; holds an HTTP connection pool until closed.
 */
final class BulkInsert implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 300;

    /** Inserts into different tables of one batch run at once: the engine has cores and connections to spare. */
    private static final int PARALLEL_INSERTS = 3;

    private final Client client;
    private final ExecutorService parallel;

    BulkInsert(ClickHouseConnector connector) {
        URI http = URI.create(connector.jdbcUrl().replaceFirst("^jdbc:(clickhouse|ch):", ""));
        String path = http.getPath() == null ? "" : http.getPath().replaceAll("^/+|/+$", "");
        Client.Builder builder = new Client.Builder()
                .addEndpoint(http.getScheme() + "://" + http.getHost() + ":" + http.getPort())
                .setUsername(connector.user())
                .setPassword(connector.password())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setSocketTimeout(TIMEOUT_SECONDS, ChronoUnit.SECONDS);
        if (!path.isEmpty()) {
            builder.setDefaultDatabase(path);
        }
        client = builder.build();
        AtomicInteger threads = new AtomicInteger();
        parallel = Executors.newFixedThreadPool(PARALLEL_INSERTS, task -> {
            Thread thread = new Thread(task, "tlsrpt-insert-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One table's rows of a batch. */
    record Rows(String table, List<String> columns, RowBinary rows) {
    }

    /**
     * Inserts into several tables at once, all with {@code token}, and returns once every insert has ended; throws
     * the first failure then (the batch is retried whole, and the inserts that went through are dropped as duplicates).
     */
    void insertAll(String token, List<Rows> inserts) throws SQLException {
        List<Future<?>> running = new ArrayList<>();
        for (Rows insert : inserts) {
            running.add(parallel.submit(() -> {
                insert(insert.table(), insert.columns(), token, insert.rows());
                return null;
            }));
        }
        SQLException failure = null;
        for (Future<?> insert : running) {
            try {
                insert.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new SQLException("interrupted while inserting", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof SQLException sql ? sql
                            : new SQLException("insert failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void insert(String table, List<String> columns, String token, RowBinary rows) throws SQLException {
        if (rows.rows() == 0) {
            return;
        }
        InsertSettings settings = new InsertSettings()
                .serverSetting("async_insert", "0")
                .serverSetting("insert_deduplicate", "1")
                .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1")
                .setDeduplicationToken(token);
        String what = "insert into " + table;
        try {
            await(what, () -> client.insert(table, columns, rows::writeTo, ClickHouseFormat.RowBinary, settings))
                    .close();
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The rows of {@code sql} as TabSeparated fields, for values that need no unescaping (hex, dates, numbers, our own
     * names). Through client-v2 rather than JDBC: the driver parses every statement's text on the client, which for
     * a lookup with thousands of inlined keys cost more than running it.
     */
    List<String[]> selectFields(String sql) throws SQLException {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated)
                .serverSetting("max_query_size", Integer.toString(Math.max(256 * 1024, sql.length() + 1024)));
        String text = new String(select("query", sql, settings), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    /** The result of {@code sql} in RowBinary, ready to be inserted again with the same column order. */
    byte[] selectRowBinary(String sql) throws SQLException {
        return select("reading rows to retract", sql, new QuerySettings().setFormat(ClickHouseFormat.RowBinary));
    }

    private byte[] select(String what, String sql, QuerySettings settings) throws SQLException {
        try (QueryResponse response = await(what, () -> client.query(sql, settings))) {
            return response.getInputStream().readAllBytes();
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** The result of a client call, or its failure as an SQLException with ClickHouse's error code when it has one. */
    private static <T> T await(String what, Supplier<CompletableFuture<T>> call) throws SQLException {
        try {
            return call.get().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            int code = cause instanceof ServerException server ? server.getCode() : 0;
            throw new SQLException(what + " failed: " + cause.getMessage(), null, code, cause);
        } catch (TimeoutException e) {
            throw new SQLException(what + " took longer than " + TIMEOUT_SECONDS + " s", e);
        } catch (RuntimeException e) {
            throw new SQLException(what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        parallel.shutdownNow();
        client.close();
    }
}
