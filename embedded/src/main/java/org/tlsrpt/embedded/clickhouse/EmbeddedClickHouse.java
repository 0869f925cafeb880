package org.tlsrpt.embedded.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tlsrpt.embedded.FreePorts;

/**
 * The embedded ClickHouse: chDB hosted in a supervised child JVM that serves ClickHouse's HTTP interface on
 * 127.0.0.1. If the child dies, {@link #isHealthy()} turns false, the child is restarted on the same port with
 * exponential backoff, and clients (JDBC or HTTP) recover on their next request.
 *
 * <pre>{@code
 * try (EmbeddedClickHouse clickhouse = EmbeddedClickHouse.start(EmbeddedClickHouseConfig.defaults(dataDir))) {
 *     Connection c = DriverManager.getConnection(clickhouse.jdbcUrl(), clickhouse.config().user(),
 *             clickhouse.config().password());
 * }
 * }</pre>
 */
public final class EmbeddedClickHouse implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedClickHouse.class.getName());
    private static final Duration PING_INTERVAL = Duration.ofMillis(500);

    private final EmbeddedClickHouseConfig config;
    private final int port;
    private final ChildLauncher launcher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicInteger restarts = new AtomicInteger();
    private final Thread supervisor;
    private volatile Process child;
    private volatile boolean healthy;
    private volatile boolean closed;

    private EmbeddedClickHouse(EmbeddedClickHouseConfig config, int port) {
        this.config = config;
        this.port = port;
        this.launcher = new ChildLauncher(config, port);
        this.supervisor = new Thread(this::supervise, "embedded-clickhouse-supervisor");
        this.supervisor.setDaemon(true);
    }

    /**
     * Starts the child and waits until it answers {@code /ping}.
     *
     * @throws EmbeddedClickHouseException when the library is missing or the child does not come up in time
     */
    public static EmbeddedClickHouse start(EmbeddedClickHouseConfig config) {
        config.checkLibrary();
        EmbeddedClickHouse clickhouse = new EmbeddedClickHouse(config, FreePorts.resolve(config.port()));
        long started = System.nanoTime();
        try {
            clickhouse.child = clickhouse.launcher.launch();
            if (!clickhouse.awaitPing(clickhouse.child, config.startTimeout())) {
                clickhouse.stopChild();
                throw new EmbeddedClickHouseException("embedded ClickHouse did not answer on " + clickhouse.httpUrl()
                        + " within " + config.startTimeout() + "; see " + clickhouse.launcher.logFile(), null);
            }
        } catch (IOException e) {
            clickhouse.stopChild();
            throw new EmbeddedClickHouseException("cannot start the chDB child: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clickhouse.stopChild();
            throw new EmbeddedClickHouseException("interrupted while starting the chDB child", e);
        }
        clickhouse.healthy = true;
        clickhouse.supervisor.start();
        LOG.log(System.Logger.Level.INFO, "embedded ClickHouse (chDB) ready on {0} in {1} ms, pid {2}",
                clickhouse.httpUrl(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                Long.toString(clickhouse.child.pid()));
        return clickhouse;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** A URL for the official JDBC driver (jdbc-v2); credentials go separately. */
    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    /** The JDBC URL of an embedded ClickHouse listening on {@code port}, as a client outside its process names it. */
    public static String jdbcUrl(int port) {
        return "jdbc:clickhouse:http://127.0.0.1:" + port + "/default?compress=false";
    }

    public int port() {
        return port;
    }

    public EmbeddedClickHouseConfig config() {
        return config;
    }

    /** True while the child runs and answered its last ping. */
    public boolean isHealthy() {
        return healthy && !closed;
    }

    /** The child's process id, empty while it is being restarted. */
    public OptionalLong childPid() {
        Process current = child;
        return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    /** How many times the supervisor restarted a dead child. */
    public int restarts() {
        return restarts.get();
    }

    private void supervise() {
        Duration backoff = config.minBackoff();
        long healthySince = System.nanoTime();
        while (!closed) {
            Process current = child;
            try {
                current.onExit().get(PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                boolean up = ping();
                if (up && !healthy) {
                    healthySince = System.nanoTime();
                }
                healthy = up;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit never fails
            }
            if (closed) {
                return;
            }
            healthy = false;
            if (System.nanoTime() - healthySince > TimeUnit.SECONDS.toNanos(60)) {
                backoff = config.minBackoff(); // it had been stable: this is a new incident
            }
            LOG.log(System.Logger.Level.WARNING, "chDB child {0} exited with {1}; restarting in {2} ms",
                    Long.toString(current.pid()), current.exitValue(), backoff.toMillis());
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                    : backoff.multipliedBy(2);
            try {
                Process next = launcher.launch();
                if (!adopt(next)) {
                    return; // closed while the child was starting; adopt() stopped it
                }
                restarts.incrementAndGet();
                if (awaitPing(next, config.startTimeout())) {
                    healthy = true;
                    healthySince = System.nanoTime();
                    LOG.log(System.Logger.Level.INFO, "chDB child restarted, pid {0}", Long.toString(next.pid()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot restart the chDB child: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Makes {@code next} the current child unless this was closed meanwhile, in which case it stops it. */
    private boolean adopt(Process next) {
        synchronized (this) {
            if (!closed) {
                child = next;
                return true;
            }
        }
        stop(next);
        return false;
    }

    private boolean awaitPing(Process process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !closed) {
            if (!process.isAlive()) {
                return false;
            }
            if (ping()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private boolean ping() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "ping"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().startsWith("Ok.");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops supervision and the child: its input is closed so chDB shuts down cleanly, then it is killed if need be. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        healthy = false;
        supervisor.interrupt();
        stopChild();
        LOG.log(System.Logger.Level.INFO, "embedded ClickHouse on {0} stopped", httpUrl());
    }

    private void stopChild() {
        Process current;
        synchronized (this) {
            current = child;
        }
        if (current != null) {
            stop(current);
        }
    }

    private static void stop(Process current) {
        try {
            current.getOutputStream().close();
            if (!current.waitFor(20, TimeUnit.SECONDS)) {
                current.destroy();
                if (!current.waitFor(5, TimeUnit.SECONDS)) {
                    current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            current.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }
}
