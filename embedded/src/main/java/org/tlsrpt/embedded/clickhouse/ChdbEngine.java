package org.tlsrpt.embedded.clickhouse;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The chDB engine of this process: libchdb loaded once, and a small pool of connections on one data path.
 * chDB allows several connections to the same path in one process; each runs one statement at a time, so the pool
 * size is the number of statements that run concurrently. Requests borrow a connection exclusively.
 */
final class ChdbEngine implements AutoCloseable {

    private final ChdbLibrary lib;
    private final BlockingQueue<ChdbConnection> idle;
    private final List<ChdbConnection> all = new ArrayList<>();
    private final String timezone;
    private final String version;

    private final String[] argv;

    ChdbEngine(Path library, Path dataPath, int connections) {
        this.lib = ChdbLibrary.load(library.toAbsolutePath().toString());
        this.idle = new ArrayBlockingQueue<>(connections);
        this.argv = new String[] {"chdb", "--path=" + dataPath.toAbsolutePath()};
        for (int i = 0; i < connections; i++) {
            ChdbConnection connection;
            try {
                connection = connect();
            } catch (IllegalStateException e) {
                close();
                throw e;
            }
            all.add(connection);
            idle.add(connection);
        }
        ChdbConnection first = all.get(0);
        try (ChdbResult result = first.query("SELECT timezone(), version()", "TabSeparated")) {
            if (result.error() != null) {
                throw new IllegalStateException("chDB does not answer: " + result.error());
            }
            String[] fields = result.text().strip().split("\t");
            this.timezone = fields[0];
            this.version = fields.length > 1 ? fields[1] : "";
        }
    }

    private ChdbConnection connect() {
        Pointer pointer = lib.chdb_connect(argv.length, argv);
        if (pointer == null || pointer.getPointer(0) == null) {
            throw new IllegalStateException("chdb_connect failed for " + argv[1]);
        }
        return new ChdbConnection(lib, pointer);
    }

    ChdbConnection borrow() throws InterruptedException {
        return idle.take();
    }

    void giveBack(ChdbConnection connection) {
        idle.add(connection);
    }

    /**
     * Returns a connection whose session state a client changed ({@code SET}, {@code USE}): it is replaced by a
     * fresh one, because over HTTP without a session such changes must not outlive the request.
     */
    synchronized void replace(ChdbConnection tainted) {
        ChdbConnection fresh;
        try {
            fresh = connect();
        } catch (IllegalStateException e) {
            idle.add(tainted); // keep serving; the session state may leak, which beats losing capacity
            return;
        }
        all.remove(tainted);
        tainted.close();
        all.add(fresh);
        idle.add(fresh);
    }

    String timezone() {
        return timezone;
    }

    String version() {
        return version;
    }

    @Override
    public synchronized void close() {
        for (ChdbConnection connection : all) {
            connection.close();
        }
        all.clear();
    }
}
