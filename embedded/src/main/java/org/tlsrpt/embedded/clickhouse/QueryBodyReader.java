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
    private final int spoolThreshold;
    private final int nativeThreshold;

    QueryBodyReader(Path spoolDir, int spoolThreshold, int nativeThreshold) {
        this.spoolDir = spoolDir;
        this.spoolThreshold = spoolThreshold;
        this.nativeThreshold = nativeThreshold;
    }

    /** Returns null when the request carries no query at all. */
    QueryBody read(String queryParameter, InputStream body, long contentLength) throws IOException {
        if (queryParameter == null) {
            return readBareQuery(body, contentLength);
        }
        byte[] head = body.readNBytes(spoolThreshold + 1);
        byte[] parameter = queryParameter.getBytes(StandardCharsets.UTF_8);
        if (head.length == 0) {
            return new QueryBody.Bytes(parameter);
        }
        Matcher insert = INSERT_FORMAT.matcher(queryParameter);
        if (head.length > spoolThreshold && insert.matches()) {
            return spool(insert, head, body);
        }
        ByteArrayOutputStream sql = new ByteArrayOutputStream(parameter.length + 1 + head.length);
        sql.write(parameter);
        sql.write('\n');
        sql.write(head);
        body.transferTo(sql);
        return new QueryBody.Bytes(sql.toByteArray());
    }

    private QueryBody spool(Matcher insert, byte[] head, InputStream body) throws IOException {
        Files.createDirectories(spoolDir);
        Path file = Files.createTempFile(spoolDir, "insert-", ".data");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            body.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
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
