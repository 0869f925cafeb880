package org.tlsrpt.app.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.embedded.FreePorts;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouse;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouseConfig;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;
import org.tlsrpt.processor.Await;
import org.tlsrpt.processor.Contents;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The application with every role against a Kafka and a ClickHouse of its own (in this JVM). While reports are
 * being posted, ClickHouse is stopped for 30 s ({@code tlsrpt.outage.seconds}) and started again on the same data:
 * readiness goes DOWN with the processor's reason, comes back UP, and every table and aggregate holds exactly what
 * was posted.
 */
class ClickHouseOutageIT {

    private static final int REPORTS = 300;
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** HTTP/1.1 as senders and curl use it (no h2c upgrade attempts). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void clickHouseStoppedMidLoadLosesNothingDuplicatesNothingAndReadinessRecovers() throws Exception {
        Path workDir = Files.createTempDirectory("tlsrpt-outage-it");
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(workDir.resolve("broker"))
                .withPorts(0, 0));
        EmbeddedClickHouseConfig clickHouseConfig = EmbeddedClickHouseConfig.defaults(workDir.resolve("ch"))
                .withPort(FreePorts.pick());
        EmbeddedClickHouse clickHouse = EmbeddedClickHouse.start(clickHouseConfig);
        AppProcess app = null;
        try {
            app = AppProcess.packaged().heap("-Xmx384m").settings(List.of(
                    "tlsrpt.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "tlsrpt.clickhouse.jdbc-url=" + clickHouse.jdbcUrl(),
                    "tlsrpt.clickhouse.password=" + clickHouseConfig.password(),
                    "tlsrpt.ingest.smtp.enabled=false",
                    "tlsrpt.ingest.http.rate-per-minute=100000",
                    "tlsrpt.ingest.http.burst=10000"))
                    .startReady(workDir, Duration.ofSeconds(120));
            Contents contents = new Contents(new ClickHouseConnector(clickHouse.jdbcUrl(),
                    clickHouseConfig.user(), clickHouseConfig.password()));
            int httpPort = app.httpPort();
            AppProcess running = app;

            TestReports.Tally tally = new TestReports.Tally();
            List<String> reports = new ArrayList<>();
            for (int n = 0; n < REPORTS; n++) {
                reports.add(TestReports.generate(70_000 + n, tally));
            }
            AtomicInteger created = new AtomicInteger();
            List<String> refused = new ArrayList<>();
            Thread sender = new Thread(() -> {
                for (String report : reports) {
                    String outcome = post(httpPort, report);
                    for (int retry = 0; retry < 3 && !outcome.equals("201"); retry++) {
                        // as a sender retries; should the first attempt have been stored, it counts once anyway
                        System.out.println("ClickHouseOutageIT: POST answered " + outcome + "; retrying");
                        pause(1_000);
                        outcome = post(httpPort, report);
                    }
                    if (outcome.equals("201")) {
                        created.incrementAndGet();
                    } else {
                        synchronized (refused) {
                            refused.add(outcome);
                        }
                    }
                    pause(40);
                }
            }, "outage-test-sender");
            sender.start();

            Await.until(WAIT, () -> contents.count("reports") >= 50, true);
            clickHouse.close();
            long stopped = System.nanoTime();
            System.out.printf("ClickHouseOutageIT: ClickHouse stopped after %d reports were posted%n", created.get());

            assertThat(app.awaitReadiness(503, Duration.ofSeconds(60))).as("readiness DOWN").isTrue();
            Await.until(Duration.ofSeconds(60), () -> processorCheck(running).path("status").asText(), "DOWN");
            JsonNode processor = processorCheck(running);
            System.out.println("ClickHouseOutageIT: processor readiness while ClickHouse is down: " + processor);
            assertThat(processor.path("data").path("tlsrpt.reports").asText()).startsWith("DOWN since");
            long outage = Long.getLong("tlsrpt.outage.seconds", 30);
            long remaining = Duration.ofSeconds(outage).toMillis() - Duration.ofNanos(System.nanoTime() - stopped)
                    .toMillis();
            Thread.sleep(Math.max(0, remaining));
            assertThat(processorCheck(running).path("status").asText()).isEqualTo("DOWN");

            clickHouse = EmbeddedClickHouse.start(clickHouseConfig);
            long restarted = System.nanoTime();
            assertThat(app.awaitReady(WAIT)).as("readiness UP again; log:%n%s", app.tail()).isTrue();
            System.out.printf("ClickHouseOutageIT: ClickHouse down %d s; ready again %d ms after it restarted%n",
                    Duration.ofNanos(restarted - stopped).toSeconds(),
                    Duration.ofNanos(System.nanoTime() - restarted).toMillis());
            sender.join(WAIT.toMillis());
            assertThat(refused).isEmpty();
            assertThat(created.get()).isEqualTo(REPORTS);

            Await.until(WAIT, () -> contents.count("reports"), (long) REPORTS);
            assertThat(processorCheck(running).path("status").asText()).isEqualTo("UP");
            contents.assertStored(REPORTS, tally);
        } finally {
            if (app != null) {
                app.close();
            }
            clickHouse.close();
            kafka.close();
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private JsonNode processorCheck(AppProcess app) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.healthUrl("ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : json.readTree(response.body()).path("checks")) {
            if (check.path("name").asText().equals("processor")) {
                return check;
            }
        }
        throw new AssertionError("no processor check in " + response.body());
    }

    /** The status code, or the exception when there was no answer. */
    private String post(int httpPort, String report) {
        try {
            return Integer.toString(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/v1/reports")).header("Content-Type", "application/tlsrpt+json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(report, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
