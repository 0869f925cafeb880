package org.tlsrpt.embedded.clickhouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import org.tlsrpt.embedded.FreePorts;

/**
 * Configuration of the embedded ClickHouse (chDB in a supervised child JVM). Invalid values are refused at
 * construction with the reason.
 *
 * @param dataDir         the application's data directory; the engine keeps its data under {@code <dataDir>/clickhouse}
 * @param port            HTTP port on 127.0.0.1; 0 picks a free port once (it stays the same across child restarts)
 * @param user            the one user the HTTP interface accepts
 * @param password        that user's password; never empty: the HTTP interface answers every local user and every
 *                        web page the operator opens, so it must not run statements for whoever asks
 * @param childMaxHeap    the child JVM's {@code -Xmx}, e.g. {@code 256m}; chDB's own memory is native and not counted
 * @param chdbLibrary     path of {@code libchdb.so}
 * @param connections     chDB connections in the child, i.e. how many statements run at once
 * @param startTimeout    how long to wait for the child to answer {@code /ping}
 * @param minBackoff      first delay before restarting a dead child
 * @param maxBackoff      largest delay between restarts (the delay doubles after each failure)
 */
public record EmbeddedClickHouseConfig(
        Path dataDir,
        int port,
        String user,
        String password,
        String childMaxHeap,
        Path chdbLibrary,
        int connections,
        Duration startTimeout,
        Duration minBackoff,
        Duration maxBackoff) {

    public static final int DEFAULT_PORT = 8123;
    public static final String CHDB_VERSION = "26.5.3";
    /** System property, then environment variable, naming libchdb.so; the build sets the property for tests. */
    public static final String LIBRARY_PROPERTY = "tlsrpt.chdb.library";
    public static final String LIBRARY_ENV = "TLSRPT_CHDB_LIBRARY";

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public EmbeddedClickHouseConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(chdbLibrary, "chdbLibrary");
        FreePorts.checkPort("clickhouse port", port);
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("clickhouse user must be 1-64 of [A-Za-z0-9_.-], was '" + user + "'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("clickhouse password must not be empty: any local user or web page "
                    + "could otherwise run statements");
        }
        if (childMaxHeap == null || !HEAP.matcher(childMaxHeap).matches()) {
            throw new IllegalArgumentException("childMaxHeap must look like 256m or 1g, was '" + childMaxHeap + "'");
        }
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("connections must be 1-64, was " + connections);
        }
        positive("startTimeout", startTimeout);
        positive("minBackoff", minBackoff);
        positive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below minBackoff " + minBackoff);
        }
    }

    /**
     * Defaults: port 8123, user {@code default} with a random password made for this config (a program that must
     * reach the same data again later sets its own kept one with {@link #withCredentials}), a 256 MiB child heap,
     * 4 connections.
     */
    public static EmbeddedClickHouseConfig defaults(Path dataDir) {
        return new EmbeddedClickHouseConfig(dataDir, DEFAULT_PORT, "default", randomPassword(), "256m",
                defaultLibrary(), 4, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** 32 random bytes, URL-safe Base64: safe in a header, an environment variable and a properties file. */
    public static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public EmbeddedClickHouseConfig withPort(int port) {
        return new EmbeddedClickHouseConfig(dataDir, port, user, password, childMaxHeap, chdbLibrary, connections,
                startTimeout, minBackoff, maxBackoff);
    }

    public EmbeddedClickHouseConfig withCredentials(String user, String password) {
        return new EmbeddedClickHouseConfig(dataDir, port, user, password, childMaxHeap, chdbLibrary, connections,
                startTimeout, minBackoff, maxBackoff);
    }

    /** Leaves the password out, so the config can be logged. */
    @Override
    public String toString() {
        return "EmbeddedClickHouseConfig[dataDir=" + dataDir + ", port=" + port + ", user=" + user + ", childMaxHeap="
                + childMaxHeap + ", chdbLibrary=" + chdbLibrary + ", connections=" + connections + "]";
    }

    /**
     * Where the build put libchdb.so: the {@value #LIBRARY_PROPERTY} system property, the {@value #LIBRARY_ENV}
     * environment variable, or the npm cache {@code ~/.cache/tlsrpt/chdb/<version>/}.
     */
    public static Path defaultLibrary() {
        String configured = System.getProperty(LIBRARY_PROPERTY, System.getenv(LIBRARY_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "tlsrpt", "chdb", CHDB_VERSION, "node_modules",
                "@chdb", "lib-linux-x64-gnu", "libchdb.so");
    }

    /** Refuses to start with a reason an operator can act on when the library is missing. */
    void checkLibrary() {
        if (!Files.isRegularFile(chdbLibrary)) {
            throw new EmbeddedClickHouseException("chDB library not found at " + chdbLibrary + ": build the project "
                    + "once (it fetches @chdb/lib-linux-x64-gnu@" + CHDB_VERSION + " with npm), or set "
                    + LIBRARY_PROPERTY + " / " + LIBRARY_ENV, null);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
