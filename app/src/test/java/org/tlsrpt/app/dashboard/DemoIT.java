package org.tlsrpt.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.tlsrpt.app.demo.DemoHistory;
import org.tlsrpt.app.demo.DemoReport;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.app.testing.WorkDirs;

/**
 * {@code tlsrpt run --demo} as a new user starts it: the packaged application with everything embedded feeds the demo
 * history through the real intake, Kafka and processor into ClickHouse, and the API shows exactly the sessions the
 * generator says it made; the packaged {@code tlsrpt demo} run again against it adds nothing. The domains overview it
 * shows is kept as {@code target/dashboard-screenshots/demo-domains.png} (README's first screenshot).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    private static final String TOKEN = "demo-it-" + Long.toHexString(System.nanoTime());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<DemoReport> generated = DemoHistory.endingYesterday(Clock.systemUTC());
    private final LocalDate from = generated.get(0).day();
    private final LocalDate to = generated.get(generated.size() - 1).day();

    private Path workDir;
    private AppProcess app;

    @BeforeAll
    void startWithTheDemo() throws Exception {
        workDir = Files.createTempDirectory("tlsrpt-demo-it");
        app = AppProcess.packaged().heap("-Xmx512m").embeddedOnFreePorts().env("TLSRPT_API_TOKEN", TOKEN)
                .runOptions("--demo").startReady(workDir, Duration.ofSeconds(120));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (workDir != null) {
            WorkDirs.delete(workDir);
        }
    }

    @Test
    @Order(1)
    void theApiCountsExactlyTheSessionsTheDemoMade() throws Exception {
        Map<String, List<Long>> expected = expectedTotals();
        assertThat(expected).containsOnlyKeys("example.com", "example.net", "example.org");
        awaitTotals(expected);
        assertThat(reportCount()).isEqualTo(generated.size());

        JsonNode reporters = get("/api/v1/reporters?domain=example.com&from=" + from + "&to=" + to);
        JsonNode mailRu = null;
        for (JsonNode reporter : reporters.isArray() ? reporters : reporters.path("items")) {
            if (reporter.path("organization").asText().startsWith("Mail.ru")) {
                mailRu = reporter;
            }
        }
        assertThat(mailRu).as(reporters.toString()).isNotNull();
        assertThat(mailRu.path("silentSince").asText()).as("the reporter that went silent")
                .isEqualTo(to.minusDays(11).toString());
    }

    @Test
    @Order(2)
    void theDashboardShowsTheDemoOnFirstStart() throws Exception {
        awaitTotals(expectedTotals());
        if (!Browser.installed()) {
            throw new IllegalStateException(Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
                    + " missing: bin/install-prerequisites installs them (app/src/test/scripts/install-browser.sh)");
        }
        try (Browser browser = Browser.start(Files.createTempDirectory(workDir, "chromium"), 1280, 720)) {
            String hash = "#/?from=" + from + "&to=" + to;
            browser.open(app.baseUrl() + "/" + hash);
            browser.awaitElement(By.id("token")).sendKeys(TOKEN);
            browser.driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
            browser.awaitRendered(hash);
            List<String> domains = browser.driver.findElements(By.cssSelector("#domains tbody tr td:first-child"))
                    .stream().map(cell -> cell.getText()).toList();
            assertThat(domains).containsExactlyInAnyOrder("example.com", "example.net", "example.org");
            browser.screenshot(Path.of("target", "dashboard-screenshots", "demo-domains.png"));
            // the domain with the outage and the MX its policy missed
            browser.driver.findElement(By.linkText("example.net")).click();
            browser.awaitRendered("#/domain/example.net?from=" + from + "&to=" + to);
            assertThat(browser.driver.findElement(By.id("domain-failed")).getText())
                    .isEqualTo(String.format(java.util.Locale.US, "%,d", expectedTotals().get("example.net").get(1)));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    @Order(3)
    void runningTheDemoAgainAddsNothing() throws Exception {
        Map<String, List<Long>> expected = expectedTotals();
        awaitTotals(expected);
        // the packaged command, as a user runs it beside `tlsrpt run`: same settings, so it finds its Kafka
        AppProcess.packaged().set("tlsrpt.kafka.port", kafkaPort())
                .runToEnd(workDir, Duration.ofSeconds(300), "demo");

        assertThat(Files.readString(workDir.resolve("demo.log"))).contains("accepted reports: " + generated.size());
        awaitProcessorCaughtUp();
        assertThat(totals()).isEqualTo(expected);
        assertThat(reportCount()).isEqualTo(generated.size());
    }

    /** Per domain, successful and failed sessions as the generator made them. */
    private Map<String, List<Long>> expectedTotals() {
        return generated.stream().collect(Collectors.groupingBy(DemoReport::domain, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), reports -> List.of(
                        reports.stream().mapToLong(DemoReport::successful).sum(),
                        reports.stream().mapToLong(DemoReport::failed).sum()))));
    }

    private Map<String, List<Long>> totals() throws IOException, InterruptedException {
        JsonNode answer = get("/api/v1/domains?from=" + from + "&to=" + to);
        Map<String, List<Long>> totals = new TreeMap<>();
        for (JsonNode row : answer.isArray() ? answer : answer.path("items")) {
            totals.put(row.path("domain").asText(), List.of(row.path("successfulSessions").asLong(),
                    row.path("failedSessions").asLong()));
        }
        return totals;
    }

    private void awaitTotals(Map<String, List<Long>> expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        Map<String, List<Long>> last = Map.of();
        while (System.nanoTime() < deadline) {
            last = totals();
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the API never showed the demo's totals " + expected + "; last " + last + "\n"
                + app.tail());
    }

    /** The reports listed for the demo's days; none may be an identity conflict (same identity, other bytes). */
    private int reportCount() throws IOException, InterruptedException {
        int count = 0;
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/reports?from=" + from + "&to=" + to + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode item : page.path("items")) {
                assertThat(item.path("identityConflict").asBoolean()).as(item.toString()).isFalse();
                count++;
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return count;
    }

    /** Waits until the processor has committed every record on the reports topic: the second run is all seen. */
    private void awaitProcessorCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + kafkaPort()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("tlsrpt-processor")
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .filter(partition -> partition.topic().equals("tlsrpt.reports"))
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                boolean caughtUp = !latest.isEmpty() && latest.keySet().stream()
                        .allMatch(partition -> committed.get(partition).offset() >= ends.get(partition).offset());
                if (caughtUp) {
                    return;
                }
                Thread.sleep(1000);
            }
        }
        throw new AssertionError("the processor never caught up with the reports topic\n" + app.tail());
    }

    private int kafkaPort() {
        return app.port("tlsrpt.kafka.port");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
