package org.tlsrpt.embedded.clickhouse;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The full text of one query as chDB will run it, read from the {@code query} parameter and the request body.
 * Large bodies are never held twice: a bare query is read straight into native memory, and the data of an
 * {@code INSERT ... FORMAT X} is spooled to a file and read by chDB through {@code FROM INFILE}.
 */
sealed interface QueryBody {

    ChdbResult run(ChdbConnection connection, String format, Map<String, String> params);

    /** The first characters of the query, for recognising {@code USE} and for logs. */
    String head();

    /** Releases native memory and deletes spool files. */
    default void release() {
    }

    /** A query held in a heap array. */
    record Bytes(byte[] sql) implements QueryBody {
        @Override
        public ChdbResult run(ChdbConnection connection, String format, Map<String, String> params) {
            return connection.query(sql, format, params);
        }

        @Override
        public String head() {
            return new String(sql, 0, Math.min(sql.length, 200), StandardCharsets.UTF_8);
        }
    }

    /** A large bare query read straight into native memory. */
    final class Native implements QueryBody {
        private Memory memory;
        private final long length;

        Native(Memory memory, long length) {
            this.memory = memory;
            this.length = length;
        }

        @Override
        public ChdbResult run(ChdbConnection connection, String format, Map<String, String> params) {
            if (!params.isEmpty()) {
                return connection.query(memory.getByteArray(0, (int) length), format, params);
            }
            return connection.query(memory, length, format);
        }

        @Override
        public String head() {
            return new String(memory.getByteArray(0, (int) Math.min(length, 200)), StandardCharsets.UTF_8);
        }

        @Override
        public void release() {
            if (memory != null) {
                memory.close();
                memory = null;
            }
        }
    }

    /** An INSERT whose data was spooled to {@code file}; {@code sql} reads it with {@code FROM INFILE}. */
    record Spooled(byte[] sql, Path file) implements QueryBody {
        @Override
        public ChdbResult run(ChdbConnection connection, String format, Map<String, String> params) {
            return connection.query(sql, format, params);
        }

        @Override
        public String head() {
            return new String(sql, 0, Math.min(sql.length, 200), StandardCharsets.UTF_8);
        }

        @Override
        public void release() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
