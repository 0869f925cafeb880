package org.tlsrpt.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application ({@code quarkus-run.jar run}) as a user starts it: everything embedded, free loopback
 * ports, a fresh temporary data directory. Started, awaited until {@code /q/health/ready} answers 200, stopped with
 * SIGTERM (a clean shutdown), and its data directory deleted.
 */
final class AppProcess implements AutoCloseable {

    final int httpPort = freePort();
    /** Health and metrics: never on the public port. */
    final int managementPort = freePort();
    final int smtpPort = freePort();
    final int clickhousePort = freePort();
    private final Path dataDir;
    private final Path log;
    private final Process process;

    private AppProcess(Path jar, List<String> jvmOptions) throws IOException {
        dataDir = Files.createTempDirectory("tlsrpt-bench-");
        log = dataDir.resolve("app.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + managementPort,
                "-Dtlsrpt.ingest.smtp.port=" + smtpPort,
                "-Dtlsrpt.kafka.port=" + freePort(),
                "-Dtlsrpt.kafka.controller-port=" + freePort(),
                "-Dtlsrpt.clickhouse.port=" + clickhousePort,
                // The benchmark is one client address and one reporting organisation: the rate limit and the daily
                // quotas (1 GiB per client, a million reports per organisation) would otherwise answer 429.
                "-Dtlsrpt.ingest.http.rate-per-minute=1000000000",
                "-Dtlsrpt.ingest.http.burst=1000000",
                "-Dtlsrpt.ingest.quota.bytes-per-client-per-day=0",
                "-Dtlsrpt.ingest.quota.reports-per-organisation-per-day=0",
                "-jar", jar.toString(),
                "run", "--data-dir", dataDir.resolve("data").toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts the application and waits until it reports ready, or fails with the end of its log. */
    static AppProcess start(Path jar, List<String> jvmOptions, Duration timeout) throws IOException,
            InterruptedException {
        AppProcess app = new AppProcess(jar, jvmOptions);
        try {
            app.awaitReady(timeout);
            return app;
        } catch (IOException | RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
    }

    /**
     * The {@code Authorization} header for the embedded ClickHouse: the password {@code tlsrpt run} made for its
     * data directory.
     */
    String clickhouseAuthorization() throws IOException {
        String password = Files.readString(dataDir.resolve("data").resolve("secrets").resolve("clickhouse-password"))
                .strip();
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("default:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + "; log:\n"
                        + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the application was not ready within " + timeout.toSeconds() + " s; log:\n"
                + tail());
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM, wait for a clean exit (SIGKILL after 60 s), then delete the data directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            System.err.println("the application did not stop within 60 s; killing it");
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        deleteTree(dataDir);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
