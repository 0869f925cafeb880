package org.tlsrpt.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.tlsrpt.app.testing.AppProcess;

/**
 * {@code bench/run e2e [--rate N] [--seconds N]}: starts the packaged application with everything embedded, posts
 * 1 KB gzip reports at a fixed rate, and measures for each report the time from its {@code 201} to the moment its
 * row is visible in ClickHouse's {@code reports} table. The processor writes {@code reports} last in a batch, after
 * the policy and failure rows the daily aggregates derive from, so a visible report is also in the aggregates.
 * A poller asks every 50 ms, which adds up to 50 ms to each figure.
 */
final class EndToEndBench {

    private static final long POLL_MILLIS = 50;

    private int rate = 1_000;
    private int seconds = 30;

    private EndToEndBench(String[] args) {
        for (int i = 1; i < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--rate" -> rate = value;
                case "--seconds" -> seconds = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --rate N --seconds N");
            }
        }
    }

    static void main(String[] args) throws Exception {
        new EndToEndBench(args).run();
    }

    private void run() throws Exception {
        int total = rate * seconds;
        long[] acked = new long[total];
        long[] visible = new long[total];
        AtomicInteger failures = new AtomicInteger();
        Path jar = Path.of(System.getProperty("tlsrpt.app.jar"));
        try (AppProcess app = BenchApp.launch(jar, List.of("-Xmx1g")).startReady(Duration.ofMinutes(3))) {
            int clickhousePort = app.port("tlsrpt.clickhouse.port");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI upload = URI.create(app.baseUrl() + "/v1/reports");
            String authorization = "Basic " + Base64.getEncoder().encodeToString(
                    ("default:" + app.embeddedClickHousePassword()).getBytes(StandardCharsets.UTF_8));
            Thread poller = new Thread(() -> poll(http, clickhousePort, authorization, visible),
                    "visibility-poller");
            poller.setDaemon(true);
            poller.start();
            ExecutorService senders = Executors.newFixedThreadPool(64);
            long start = System.nanoTime();
            for (int n = 0; n < total; n++) {
                long due = start + n * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                int report = n;
                byte[] body = Reports.gzip(report);
                senders.execute(() -> {
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(upload)
                                .header("Content-Type", "application/tlsrpt+gzip")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 201) {
                            acked[report] = System.nanoTime();
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(2, TimeUnit.MINUTES);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline && Arrays.stream(visible).filter(v -> v == 0).count() > failures.get()) {
                Thread.sleep(200);
            }
            poller.interrupt();
            long[] latencies = new long[total];
            int measured = 0;
            for (int n = 0; n < total; n++) {
                if (acked[n] != 0 && visible[n] != 0) {
                    latencies[measured++] = Math.max(0, visible[n] - acked[n]);
                }
            }
            Arrays.sort(latencies, 0, measured);
            System.out.printf(Locale.ROOT, "e2e-sent: %d reports at %d/s over %.1f s, %d failed, %d visible%n", total,
                    rate, sendSeconds, failures.get(), measured);
            for (double q : new double[] {0.5, 0.9, 0.99, 1.0}) {
                long value = measured == 0 ? 0 : latencies[Math.min(measured - 1, (int) (measured * q))];
                System.out.printf(Locale.ROOT, "e2e-201-to-visible-p%s: %.0f ms%n",
                        q == 1.0 ? "max" : Integer.toString((int) Math.round(q * 100)), value / 1e6);
            }
        }
    }

    /** Records when each report id ({@code bench-PID-n}) first appears in {@code reports}. */
    private static void poll(HttpClient http, int port, String authorization, long[] visible) {
        String prefix = Reports.reportId(0).substring(0, Reports.reportId(0).length() - 1);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String sql = "SELECT report_id FROM reports WHERE report_id LIKE '"
                        + prefix + "%' AND received_at > now64(3) - INTERVAL 5 MINUTE FORMAT TSV";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/")).header("Authorization", authorization)
                        .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                for (String line : response.body().split("\n")) {
                    if (line.startsWith(prefix)) {
                        int n = Integer.parseInt(line.substring(prefix.length()).strip());
                        if (n < visible.length && visible[n] == 0) {
                            visible[n] = now;
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
        }
    }
}
