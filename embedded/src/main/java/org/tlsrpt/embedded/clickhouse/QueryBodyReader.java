package org.tlsrpt.embedded.clickhouse;

import com.sun.jna.Memory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the query text the way ClickHouse's HTTP interface does: the {@code query} parameter, a newline, then the
 * body; or the body alone when there is no parameter.
 */
final class QueryBodyReader {

    /** {@code INSERT INTO ... FORMAT Name} with nothing after the format name: the body is the data. */
    private static final Pattern INSERT_FORMAT =
            Pattern.compile("(?is)^(\\s*INSERT\\s+INTO\\s+.*?)\\s+FORMAT\\s+([A-Za-z0-9_]+)\\s*;?\\s*$");

    private final Path spoolDir;
    private final int nativeThreshold;

    QueryBodyReader(Path spoolDir, int nativeThreshold) {
        this.spoolDir = spoolDir;
        this.nativeThreshold = nativeThreshold;
    }

    /** Returns null when the request carries no query at all. */
    QueryBody read(String queryParameter, InputStream body, long contentLength) throws IOException {
        if (queryParameter == null) {
            return readBareQuery(body, contentLength);
        }
        byte[] parameter = queryParameter.getBytes(StandardCharsets.UTF_8);
        Matcher insert = INSERT_FORMAT.matcher(queryParameter);
        if (insert.matches()) {
            // INSERT data always goes through a file: inlined in the query text, chDB loses trailing zero bytes
            // (a RowBinary batch ending in a small UInt64 arrived short) and cuts data at max_query_size.
            return spool(insert, parameter, body);
        }
        byte[] rest = body.readAllBytes();
        if (rest.length == 0) {
            return new QueryBody.Bytes(parameter);
        }
        ByteArrayOutputStream sql = new ByteArrayOutputStream(parameter.length + 1 + rest.length);
        sql.write(parameter);
        sql.write('\n');
        sql.write(rest);
        return new QueryBody.Bytes(sql.toByteArray());
    }

    private QueryBody spool(Matcher insert, byte[] parameter, InputStream body) throws IOException {
        Files.createDirectories(spoolDir);
        Path file = Files.createTempFile(spoolDir, "insert-", ".data");
        long size;
        try (OutputStream out = Files.newOutputStream(file)) {
            size = body.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (size == 0) {
            Files.delete(file);
            return new QueryBody.Bytes(parameter);
        }
        String path = file.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'");
        String sql = insert.group(1) + " FROM INFILE '" + path + "' FORMAT " + insert.group(2);
        return new QueryBody.Spooled(sql.getBytes(StandardCharsets.UTF_8), file);
    }

    private QueryBody readBareQuery(InputStream body, long contentLength) throws IOException {
        if (contentLength > nativeThreshold) {
            Memory memory = new Memory(contentLength);
            try {
                byte[] slice = new byte[64 * 1024];
                long offset = 0;
                while (offset < contentLength) {
                    int n = body.read(slice, 0, (int) Math.min(slice.length, contentLength - offset));
                    if (n < 0) {
                        throw new IOException("request body ended after " + offset + " of " + contentLength + " bytes");
                    }
                    memory.write(offset, slice, 0, n);
                    offset += n;
                }
            } catch (IOException | RuntimeException e) {
                memory.close();
                throw e;
            }
            return new QueryBody.Native(memory, contentLength);
        }
        byte[] sql = body.readAllBytes();
        return sql.length == 0 ? null : new QueryBody.Bytes(sql);
    }
}
