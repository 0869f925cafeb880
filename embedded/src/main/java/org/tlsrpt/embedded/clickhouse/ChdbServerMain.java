package org.tlsrpt.embedded.clickhouse;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.tlsrpt.embedded.ChildProcess;

/**
 * Entry point of the child JVM that hosts chDB (started by {@link EmbeddedClickHouse}, with
 * {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}). Serves ClickHouse's HTTP interface on 127.0.0.1.
 *
 * <p>Arguments: {@code --library=PATH --data-dir=DIR --port=N [--connections=N] [--threads=N]}. The user and
 * password come from the environment ({@code TLSRPT_CHDB_USER}, {@code TLSRPT_CHDB_PASSWORD}) so they do not
 * show in the process list. The process exits when its standard input closes, so it never outlives its parent.
 */
public final class ChdbServerMain {

    static final String USER_ENV = "TLSRPT_CHDB_USER";
    static final String PASSWORD_ENV = "TLSRPT_CHDB_PASSWORD";
    static final String TRACE_ENV = "TLSRPT_CHDB_TRACE";
    private static final System.Logger LOG = System.getLogger(ChdbServerMain.class.getName());

    private ChdbServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ChildProcess.options(args);
        Path library = Path.of(ChildProcess.required(options, "library"));
        Path dataDir = Path.of(ChildProcess.required(options, "data-dir"));
        int port = Integer.parseInt(ChildProcess.required(options, "port"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "4"));
        int threads = Integer.parseInt(options.getOrDefault("threads", Integer.toString(Math.max(8, 2 * connections))));
        String user = System.getenv().getOrDefault(USER_ENV, "default");
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(PASSWORD_ENV + " is not set: the HTTP interface never runs open");
        }
        boolean trace = "1".equals(System.getenv(TRACE_ENV));

        long started = System.nanoTime();
        Path enginePath = dataDir.resolve("clickhouse");
        Path spoolDir = dataDir.resolve("clickhouse-spool");
        Files.createDirectories(enginePath);
        clean(spoolDir);
        ChdbEngine engine = new ChdbEngine(library, enginePath, connections);
        QueryBodyReader bodies = new QueryBodyReader(spoolDir, 1024 * 1024);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "chdb-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", new ClickHouseHttpHandler(engine, bodies, user, password, trace));
        server.start();
        LOG.log(System.Logger.Level.INFO, "chDB {0} serving http://127.0.0.1:{1}/ on {2} ({3} connections) in {4} ms",
                engine.version(), Integer.toString(port), enginePath, connections,
                (System.nanoTime() - started) / 1_000_000);

        CountDownLatch stop = new CountDownLatch(1);
        Thread watchdog = new Thread(() -> {
            ChildProcess.awaitParentExit();
            stop.countDown();
        }, "chdb-parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();
        stop.await();

        LOG.log(System.Logger.Level.INFO, "standard input closed: stopping chDB server");
        server.stop(1);
        executor.shutdownNow();
        engine.close();
        System.exit(0);
    }

    private static void clean(Path spoolDir) throws IOException {
        if (Files.isDirectory(spoolDir)) {
            try (var files = Files.list(spoolDir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        }
        Files.createDirectories(spoolDir);
    }
}
