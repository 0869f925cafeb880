package org.tlsrpt.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsrpt.app.dashboard.FixtureReports.DOMAIN_A;
import static org.tlsrpt.app.dashboard.FixtureReports.DOMAIN_B;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.tlsrpt.app.dashboard.FixtureReports.Detail;
import org.tlsrpt.app.dashboard.FixtureReports.Report;
import org.tlsrpt.app.testing.AppProcess;

/**
 * The dashboard as a postmaster meets it: the packaged application with everything embedded, fixture reports
 * posted over HTTP (one gzip, one retried), and real headless Chromium reading the pages. Every figure the test
 * expects is summed from {@link FixtureReports}; the browser console must stay free of errors. Screenshots are kept
 * under {@code target/dashboard-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private static final String TOKEN = "dashboard-it-" + Long.toHexString(System.nanoTime());
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOT_A_REPORT = ("{\"organization-name\":\"dashboard-it\",\"report-id\":"
            + System.nanoTime()).getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate from = today.minusDays(6);
    private final List<Report> posted = FixtureReports.posted(today);

    private Path workDir;
    private org.tlsrpt.checks.lab.Lab lab;
    private AppProcess app;
    private Browser browser;
    private String processingFailure;
    private boolean processingChecked;

    @BeforeAll
    void startTheApplicationAndPostTheFixtures() throws Exception {
        // not a skip: a test that vanishes when the browser is missing would hide every dashboard regression
        if (!Browser.installed()) {
            throw new IllegalStateException(Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
                    + " missing: bin/install-prerequisites installs them (app/src/test/scripts/install-browser.sh)");
        }
        workDir = Files.createTempDirectory("tlsrpt-dashboard-it");
        // the checks' lab (real NSD, SMTP, HTTPS on 127.0.0.2 and up) for the "Now" panel: expired.lab checked each tick
        lab = org.tlsrpt.checks.lab.Lab.start(Files.createDirectories(workDir.resolve("lab")));
        // every role, Kafka and ClickHouse embedded, the token from the environment as a user of the default sets it
        app = AppProcess.packaged().heap("-Xmx512m").embeddedOnFreePorts().env("TLSRPT_API_TOKEN", TOKEN)
                .env("TLSRPT_CHECKS_RESOLVER", org.tlsrpt.checks.lab.Lab.DNS + ":53")
                .env("TLSRPT_CHECKS_TRUST_ANCHORS", lab.trustAnchors().toString())
                .env("TLSRPT_CHECKS_TRUST_STORE", lab.caPem().toString())
                .env("TLSRPT_CHECKS_ALLOW_PRIVATE_TARGETS", "true")
                .env("TLSRPT_CHECKS_DOMAINS", "expired.lab")
                .env("TLSRPT_CHECKS_TICK", "1s")
                .startReady(workDir, Duration.ofSeconds(120));
        for (int i = 0; i < posted.size(); i++) {
            byte[] json = posted.get(i).json().getBytes(StandardCharsets.UTF_8);
            // the first goes as gzip, as most senders post it; the raw view must unpack it
            boolean gzip = i == 0;
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/reports"))
                    .header("Content-Type", gzip ? "application/tlsrpt+gzip" : "application/tlsrpt+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzip ? gzip(json) : json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
        // bytes that are no report: the ingest answers 400 and keeps them in quarantine for the quarantine page
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/reports"))
                .header("Content-Type", "application/tlsrpt+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(NOT_A_REPORT)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("quarantine");
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (lab != null) {
            lab.close();
        }
        deleteQuietly(workDir);
    }

    @BeforeEach
    void openBrowser() throws IOException {
        browser = Browser.start(Files.createTempDirectory(workDir, "chromium"), 1280, 900);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theRootServesTheDashboardWhichAsksForATokenWithoutConsoleErrorsOrOutsideRequests() throws IOException {
        browser.open(app.baseUrl() + "/");

        assertThat(browser.awaitElement(By.id("token")).isDisplayed()).isTrue();
        assertThat(browser.driver.getTitle()).isEqualTo("tlsrpt");
        assertThat(browser.script("return typeof echarts === 'object' && typeof echarts.init === 'function'"))
                .as("ECharts is served from the jar").isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(fetched).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(app.baseUrl() + "/"));
        browser.screenshot(SCREENSHOTS.resolve("login.png"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aRefusedTokenSendsTheUserBackToTheLoginFormWithTheReason() {
        browser.open(app.baseUrl() + "/");
        signIn("not-" + TOKEN);

        WebElement message = browser.awaitElement(By.id("message"));
        assertThat(message.getText()).contains("401");
        assertThat(browser.awaitElement(By.id("token")).isDisplayed()).isTrue();
        assertThat(browser.script("return sessionStorage.getItem('tlsrpt.token')")).isNull();
    }

    @Test
    void theDomainsOverviewShowsEachDomainsTotalsAndATrend() throws IOException, InterruptedException {
        awaitFixtures();
        String hash = "#/?" + range();
        browser.open(app.baseUrl() + "/" + hash);
        signIn(TOKEN);
        browser.awaitRendered(hash);

        Map<String, List<String>> rows = tableRows("domains");
        for (String domain : List.of(DOMAIN_A, DOMAIN_B)) {
            long successful = FixtureReports.successful(posted, domain);
            long failed = FixtureReports.failed(posted, domain);
            assertThat(rows).containsKey(domain);
            assertThat(rows.get(domain).subList(1, 4)).containsExactly(
                    count(successful), count(failed), String.format(Locale.US, "%.2f %%", 100.0 * failed / (successful + failed)));
        }
        assertThat(browser.driver.findElements(By.cssSelector("#domains svg.spark"))).hasSizeGreaterThanOrEqualTo(2);
        browser.screenshot(SCREENSHOTS.resolve("domains.png"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theDomainPageShowsTheFixtureFiguresAndDrillsDownToTheRawReport() throws IOException, InterruptedException {
        awaitFixtures();
        browser.open(app.baseUrl() + "/#/?" + range());
        signIn(TOKEN);
        browser.awaitRendered("#/?" + range());
        browser.driver.findElement(By.linkText(DOMAIN_A)).click();
        browser.awaitRendered("#/domain/" + DOMAIN_A + "?" + range());

        assertThat(browser.driver.findElement(By.id("domain-successful")).getText())
                .isEqualTo(count(FixtureReports.successful(posted, DOMAIN_A)));
        assertThat(browser.driver.findElement(By.id("domain-failed")).getText())
                .isEqualTo(count(FixtureReports.failed(posted, DOMAIN_A)));

        // the stacked chart: one stack per policy type, each series' data summed over the days
        Map<String, Long> chartTotals = chartSeriesTotals("daily-chart");
        FixtureReports.byPolicyType(posted, DOMAIN_A, false).forEach((type, sum) ->
                assertThat(chartTotals).containsEntry(type + " successful", sum));
        FixtureReports.byPolicyType(posted, DOMAIN_A, true).forEach((type, sum) ->
                assertThat(chartTotals).containsEntry(type + " failed", sum));
        int dayIndex = (int) (today.minusDays(2).toEpochDay() - from.toEpochDay());
        assertThat(((Number) browser.script("return echarts.getInstanceByDom(document.getElementById('daily-chart'))"
                + ".getOption().series.find(s => s.name === 'tlsa failed').data[arguments[0]]", dayIndex)).longValue())
                .as("tlsa failures fall on the day of the Google report").isEqualTo(3);

        assertThat(breakdown("failures-result-type"))
                .containsExactlyInAnyOrderEntriesOf(counts(FixtureReports.failures(posted, DOMAIN_A, Detail::resultType)));
        assertThat(breakdown("failures-sending-ip"))
                .containsExactlyInAnyOrderEntriesOf(counts(FixtureReports.failures(posted, DOMAIN_A, Detail::sendingMtaIp)));
        assertThat(breakdown("failures-receiving-mx"))
                .containsExactlyInAnyOrderEntriesOf(counts(FixtureReports.failures(posted, DOMAIN_A, Detail::receivingMx)));
        assertThat(tableRows("reporters")).containsOnlyKeys("Google Inc.", "Microsoft Corporation");
        List<WebElement> reports = browser.driver.findElements(By.cssSelector("#reports tbody tr"));
        assertThat(reports).as("the retried report is listed once").hasSize(2);
        assertThat(reports.stream().filter(row -> row.getText().contains("identity-conflict")).toList())
                .as("the Google report, which arrived with two contents, is marked")
                .singleElement().satisfies(row -> assertThat(row.getText()).contains("dash-google-1"));
        assertNoStrayText();
        browser.screenshot(SCREENSHOTS.resolve("domain.png"));

        WebElement googleRow = reports.stream().filter(row -> row.getText().contains("Google Inc.")).findFirst()
                .orElseThrow();
        googleRow.findElement(By.cssSelector("a.report-link")).click();
        WebElement raw = browser.awaitElement(By.id("raw-json"));
        JsonNode rawJson = JSON.readTree(raw.getText());
        assertThat(rawJson.path("report-id").asText()).isEqualTo("dash-google-1");
        assertThat(rawJson.path("policies").findValuesAsText("policy-type")).containsExactly("sts", "tlsa");
        assertThat(browser.driver.findElement(By.id("report-json")).getText()).contains("dash-google-1");
        // the last fixture said something else under this identity: both versions, side by side, the first counted
        List<WebElement> versions = browser.driver.findElements(By.cssSelector("#versions .version"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).getAttribute("class")).contains("counted");
        assertThat(versions.get(0).getText()).contains("Version 0 · counted")
                .contains("\"total-failure-session-count\": 2");
        assertThat(versions.get(1).getText()).contains("Version 1 · not counted")
                .contains("\"total-failure-session-count\": 3");
        assertNoStrayText();
        browser.screenshot(SCREENSHOTS.resolve("report.png"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /**
     * The download buttons fetch the same lists as CSV (read back with a real parser, equal to the tables shown), and
     * the year-over-year panel counts the domain's sessions once: per month the policy type with most sessions.
     */
    @Test
    void theDomainPageDownloadsItsListsAsCsvAndComparesTheYearWithTheLast() throws Exception {
        awaitFixtures();
        browser.open(app.baseUrl() + "/#/domain/" + DOMAIN_A + "?" + range());
        signIn(TOKEN);
        browser.awaitRendered("#/domain/" + DOMAIN_A + "?" + range());

        browser.driver.findElement(By.id("download-failures-result-type")).click();
        Map<String, String> downloaded = new LinkedHashMap<>();
        for (CSVRecord record : csv(browser.awaitDownload("failures.csv"))) {
            downloaded.put(record.get("resultType") + " " + record.get("policyType"),
                    count(Long.parseLong(record.get("failedSessions"))));
        }
        assertThat(downloaded).containsExactlyInAnyOrderEntriesOf(breakdown("failures-result-type"))
                .containsExactlyInAnyOrderEntriesOf(counts(FixtureReports.failures(posted, DOMAIN_A,
                        Detail::resultType)));
        browser.driver.findElement(By.id("download-reporters")).click();
        assertThat(csv(browser.awaitDownload("reporters.csv"))).extracting(r -> r.get("organization"))
                .containsExactlyInAnyOrder("Google Inc.", "Microsoft Corporation");

        Map<String, List<String>> months = tableRows("year-over-year");
        assertThat(months).hasSize(12).containsKey("Jan").containsKey("Dec");
        long sessions = 0;
        for (List<String> month : months.values()) {
            for (int column : new int[] {1, 3}) {
                sessions += month.get(column).isEmpty() ? 0 : Long.parseLong(month.get(column).replace(",", ""));
            }
        }
        assertThat(sessions).isEqualTo(FixtureReports.byPolicyType(posted, DOMAIN_A, false).get("sts")
                + FixtureReports.byPolicyType(posted, DOMAIN_A, true).get("sts"));
        assertThat(((Number) browser.script("return echarts.getInstanceByDom(document.getElementById('yoy-chart'))"
                + ".getOption().series.length")).intValue()).isEqualTo(2);
        assertNoStrayText();
        browser.screenshot(SCREENSHOTS.resolve("domain-downloads-year-over-year.png"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    @Test
    void onAPhoneTheDomainPageFitsTheScreenWidth() throws IOException, InterruptedException {
        awaitFixtures();
        browser.resize(390, 844);
        String hash = "#/domain/" + DOMAIN_A + "?" + range();
        browser.open(app.baseUrl() + "/" + hash);
        signIn(TOKEN);
        browser.awaitRendered(hash);

        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(((Number) browser.script("return window.innerWidth")).intValue());
        assertThat(browser.driver.findElement(By.id("domain-failed")).isDisplayed()).isTrue();
        browser.screenshot(SCREENSHOTS.resolve("domain-phone.png"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theQuarantinePageListsTheUnreadableUploadWithItsReason() throws IOException, InterruptedException {
        String sha256 = sha256(NOT_A_REPORT);
        JsonNode item = awaitQuarantined(sha256);
        browser.open(app.baseUrl() + "/#/quarantine");
        signIn(TOKEN);
        browser.awaitRendered("#/quarantine");

        // the login section's "Sign in" heading is the page's first h1, hidden once signed in
        assertThat(browser.driver.findElement(By.cssSelector("#view h1")).getText()).isEqualTo("Quarantine");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#quarantine tbody tr")).stream()
                .filter(row -> row.getText().contains(sha256)).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(item.path("reasonCode").asText())
                .contains(item.path("channel").asText());
        browser.screenshot(SCREENSHOTS.resolve("quarantine.png"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aWebhookAndRulesAreCreatedAndDeletedFromTheAlertsPage() throws IOException, InterruptedException {
        browser.open(app.baseUrl() + "/#/alerts");
        signIn(TOKEN);
        browser.awaitRendered("#/alerts");

        WebElement hookForm = browser.driver.findElement(By.id("webhook-form"));
        hookForm.findElement(By.name("name")).sendKeys("dashboard pager");
        // a public address, so the SSRF guard accepts it; no rule here ever fires, so nothing is sent to it
        hookForm.findElement(By.name("url")).sendKeys("https://1.1.1.1/tlsrpt-dashboard-test");
        new Select(hookForm.findElement(By.name("format"))).selectByValue("slack");
        hookForm.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.awaitElement(By.cssSelector("#message.info")).getText()).contains("signing secret");
        browser.await(d -> d.findElements(By.cssSelector("#api-v1-webhooks tbody tr")).stream()
                .anyMatch(row -> row.getText().contains("dashboard pager")));

        WebElement ruleForm = browser.driver.findElement(By.id("rule-form"));
        ruleForm.findElement(By.name("name")).sendKeys("reporters gone quiet");
        new Select(ruleForm.findElement(By.name("kind"))).selectByValue("reporter-silent");
        WebElement silentDays = ruleForm.findElement(By.name("silentDays"));
        silentDays.clear();
        silentDays.sendKeys("30");
        WebElement baselineDays = ruleForm.findElement(By.name("baselineDays"));
        baselineDays.clear();
        baselineDays.sendKeys("60");
        assertThat(ruleForm.findElement(By.name("threshold")).isDisplayed()).as("only this kind's settings").isFalse();
        ruleForm.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> d.findElements(By.cssSelector("#api-v1-alert-rules tbody tr")).stream()
                .anyMatch(row -> row.getText().contains("reporters gone quiet")));
        assertThat(browser.driver.findElement(By.id("message")).getText()).isEqualTo("Created.");
        browser.screenshot(SCREENSHOTS.resolve("alerts.png"));

        // the check kinds reuse the API's threshold and minFailures: each has a field of its own, named for what it
        // means, and the rule the API stores has the kind and the value typed there
        createRuleThroughForm("certificate soon", "certificate-expiring", "expiryDays", "Days before expiry", "10",
                "consecutiveFailures");
        createRuleThroughForm("checks failing", "check-failing", "consecutiveFailures", "Consecutive failing checks",
                "3", "expiryDays");
        JsonNode rules = JSON.readTree(get("/api/v1/alert-rules", TOKEN).body());
        JsonNode expiring = ruleNamed(rules, "certificate soon");
        assertThat(expiring.path("kind").asText()).isEqualTo("certificate-expiring");
        assertThat(expiring.path("threshold").asDouble()).isEqualTo(10.0);
        assertThat(expiring.has("minFailures")).isFalse();
        JsonNode failing = ruleNamed(rules, "checks failing");
        assertThat(failing.path("kind").asText()).isEqualTo("check-failing");
        assertThat(failing.path("minFailures").asLong()).isEqualTo(3);
        assertThat(failing.has("threshold")).isFalse();

        deleteRow("api-v1-alert-rules", "reporters gone quiet");
        deleteRow("api-v1-alert-rules", "certificate soon");
        deleteRow("api-v1-alert-rules", "checks failing");
        deleteRow("api-v1-webhooks", "dashboard pager");
        assertThat(get("/api/v1/alert-rules", TOKEN).body()).doesNotContain("reporters gone quiet");
        assertThat(get("/api/v1/webhooks", TOKEN).body()).doesNotContain("dashboard pager");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Fills the rule form for one kind whose one setting is {@code field}, checks its label, submits it. */
    private void createRuleThroughForm(String name, String kind, String field, String label, String value,
            String otherKindsField) {
        WebElement ruleForm = browser.driver.findElement(By.id("rule-form"));
        ruleForm.findElement(By.name("name")).sendKeys(name);
        new Select(ruleForm.findElement(By.name("kind"))).selectByValue(kind);
        WebElement input = ruleForm.findElement(By.name(field));
        assertThat(input.isDisplayed()).isTrue();
        assertThat(input.findElement(By.xpath("..")).getText()).isEqualTo(label);
        for (String hidden : List.of(otherKindsField, "threshold", "minFailures", "window")) {
            assertThat(ruleForm.findElement(By.name(hidden)).isDisplayed()).as("only this kind's settings: " + hidden)
                    .isFalse();
        }
        input.clear();
        input.sendKeys(value);
        ruleForm.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(d -> d.findElements(By.cssSelector("#api-v1-alert-rules tbody tr")).stream()
                .anyMatch(row -> row.getText().contains(name)));
    }

    private static JsonNode ruleNamed(JsonNode rules, String name) {
        for (JsonNode rule : rules) {
            if (rule.path("name").asText().equals(name)) {
                return rule;
            }
        }
        throw new AssertionError("no rule named " + name + " in " + rules);
    }

    private void deleteRow(String tableId, String text) {
        browser.driver.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .filter(row -> row.getText().contains(text)).findFirst().orElseThrow()
                .findElement(By.cssSelector("button.danger")).click();
        browser.driver.switchTo().alert().accept();
        browser.await(d -> d.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .noneMatch(row -> row.getText().contains(text)));
    }

    @Test
    void firstLoadWithAnEmptyCacheIsMeasured() throws IOException, InterruptedException {
        awaitFixtures();
        String hash = "#/?" + range();
        browser.open(app.baseUrl() + "/" + hash);
        signIn(TOKEN);
        browser.awaitRendered(hash);
        browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.driver.navigate().refresh();
        browser.awaitRendered(hash);

        double renderedMs = ((Number) browser.script(
                "return performance.getEntriesByName('tlsrpt-rendered')[0].startTime")).doubleValue();
        // a figure for docs/benchmarks.md, not an assertion: timings depend on the machine
        System.out.printf(Locale.ROOT, "dashboard first load (empty cache, domains with trends drawn): %.0f ms"
                + " (load average %s)%n", renderedMs, loadAverage());
        // where the time went: each request's start and duration since navigation began
        System.out.println("dashboard first load requests: " + browser.script("return performance"
                + ".getEntriesByType('resource').map(e => e.name.replace(location.origin, '') + ' @'"
                + " + Math.round(e.startTime) + '+' + Math.round(e.duration) + 'ms').join(', ')"));
        assertThat(renderedMs).isPositive();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theDomainPageShowsTheChecksNowAndWhatTheyMeanForTheReportedFailures() throws Exception {
        String report = "{\"organization-name\":\"Google Inc.\",\"date-range\":{\"start-datetime\":\""
                + today + "T00:00:00Z\",\"end-datetime\":\"" + today + "T23:59:59Z\"},"
                + "\"contact-info\":\"tls@example.org\",\"report-id\":\"dash-checks-1\",\"policies\":[{"
                + "\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"version: STSv1\"],"
                + "\"policy-domain\":\"expired.lab\",\"mx-host\":[\"mx-expired.lab\"]},\"summary\":{"
                + "\"total-successful-session-count\":10,\"total-failure-session-count\":4},"
                + "\"failure-details\":[{\"result-type\":\"certificate-expired\",\"sending-mta-ip\":"
                + "\"198.51.100.7\",\"receiving-mx-hostname\":\"mx-expired.lab\",\"failed-session-count\":4}]}]}";
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/reports"))
                .header("Content-Type", "application/tlsrpt+json")
                .POST(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isIn(201, 200);
        // the scheduled check of expired.lab and the stored report, both seen by the API
        String verdict = "";
        for (int i = 0; i < 240 && !verdict.equals("still-failing"); i++) {
            HttpResponse<String> diagnosis = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                    + "/api/v1/domains/expired.lab/diagnosis?" + range())).header("Authorization", "Bearer " + TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            verdict = JSON.readTree(diagnosis.body()).at("/failures/0/verdict").asText();
            Thread.sleep(500);
        }
        assertThat(verdict).as("a check and the report within two minutes").isEqualTo("still-failing");

        String hash = "#/domain/expired.lab?" + range();
        browser.open(app.baseUrl() + "/" + hash);
        signIn(TOKEN);
        browser.awaitRendered(hash);
        browser.awaitElement(By.cssSelector("#now-mx tbody tr"));
        List<String> mx = tableRows("now-mx").get("mx-expired.lab");
        assertThat(mx).as("MX, STARTTLS, certificate, expiry, DANE, policy match").hasSize(6);
        assertThat(mx.get(1)).isEqualTo("ok");
        assertThat(mx.get(3)).contains("certificate-expired").contains("days ago");
        assertThat(browser.driver.findElement(By.id("now-checked")).getText()).contains("some checks fail");
        browser.awaitElement(By.cssSelector("#diagnosis-table tbody tr"));
        List<String> diagnosed = tableRows("diagnosis-table").get("certificate-expired");
        assertThat(diagnosed.get(1)).isEqualTo("mx-expired.lab");
        assertThat(diagnosed.get(2)).isEqualTo("still failing");
        assertThat(diagnosed.get(3)).startsWith("mx-expired.lab presented an expired certificate: still so");
        assertNoStrayText();
        browser.screenshot(SCREENSHOTS.resolve("domain-now.png"));

        browser.open(app.baseUrl() + "/#/?" + range());
        browser.awaitRendered("#/?" + range());
        browser.awaitElement(By.cssSelector("#domains .check-flag"));
        assertThat(tableRows("domains").get("expired.lab").get(4)).isEqualTo("checks fail");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** For the tests that read figures: the processor must have written the fixtures (checked once per run). */
    private void awaitFixtures() throws IOException, InterruptedException {
        if (!processingChecked) {
            processingChecked = true;
            processingFailure = awaitProcessed();
        }
        if (processingFailure != null) {
            throw new AssertionError(processingFailure);
        }
    }

    /** Every part of a page is an element: a panel left out once showed as the text "null". */
    private void assertNoStrayText() {
        assertThat(browser.script("return [...document.getElementById('view').childNodes]"
                + ".filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent)")).isEqualTo(List.of());
    }

    private void signIn(String token) {
        WebElement field = browser.awaitElement(By.id("token"));
        field.sendKeys(token);
        browser.driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    }

    private String range() {
        return "from=" + from + "&to=" + today;
    }

    private static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    private static Map<String, String> counts(Map<String, Long> sums) {
        Map<String, String> text = new LinkedHashMap<>();
        sums.forEach((key, sum) -> text.put(key, count(sum)));
        return text;
    }

    /** The table's rows keyed by their first cell, each with every cell's text. */
    private Map<String, List<String>> tableRows(String id) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#" + id + " tbody tr"))) {
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            rows.put(cells.get(0), cells);
        }
        return rows;
    }

    /** A breakdown table as "key policy-type" to failed sessions. */
    private Map<String, String> breakdown(String id) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#" + id + " tbody tr"))) {
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            rows.put(cells.get(0) + " " + cells.get(1), cells.get(2));
        }
        return rows;
    }

    private Map<String, Long> chartSeriesTotals(String elementId) throws IOException {
        String series = (String) browser.script("return JSON.stringify(echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption().series.map(s => [s.name, s.data]))", elementId);
        Map<String, Long> totals = new LinkedHashMap<>();
        for (JsonNode entry : JSON.readTree(series)) {
            long sum = 0;
            for (JsonNode value : entry.get(1)) {
                sum += value.asLong();
            }
            totals.put(entry.get(0).asText(), sum);
        }
        return totals;
    }

    /**
     * Waits until the query API shows every fixture domain's totals (the processor writes asynchronously); null
     * when it did, else what it showed last.
     */
    private String awaitProcessed() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/v1/domains?" + range(), TOKEN);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && showsAllFixtures(JSON.readTree(response.body()))
                    && showsTheSecondVersion()) {
                return null;
            }
            Thread.sleep(500);
        }
        return "the API never showed the fixture totals (does `tlsrpt run` start the processor role?); last answer: "
                + last + "\n" + app.tail();
    }

    /** Waits until the quarantine list shows the item with these bytes' SHA-256 (the processor writes it). */
    private JsonNode awaitQuarantined(String sha256) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/v1/quarantine", TOKEN);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                for (JsonNode item : JSON.readTree(response.body()).path("items")) {
                    if (item.path("sha256").asText().equals(sha256)) {
                        return item;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the quarantine list never showed " + sha256 + "; last answer: " + last + "\n"
                + app.tail());
    }

    /** The last fixture, a second content under the first one's identity, is stored (posted last, written last). */
    private boolean showsTheSecondVersion() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/reports?domain=" + DOMAIN_A + "&" + range(), TOKEN);
        return response.statusCode() == 200 && JSON.readTree(response.body()).path("items").findValuesAsText(
                "identityConflict").contains("true");
    }

    private boolean showsAllFixtures(JsonNode answer) {
        JsonNode rows = answer.isArray() ? answer : answer.path("items");
        int matched = 0;
        for (JsonNode row : rows) {
            String domain = row.path("domain").asText();
            if ((domain.equals(DOMAIN_A) || domain.equals(DOMAIN_B))
                    && row.path("successfulSessions").asLong() == FixtureReports.successful(posted, domain)
                    && row.path("failedSessions").asLong() == FixtureReports.failed(posted, domain)) {
                matched++;
            }
        }
        return matched == 2;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException notLinux) {
            return "unknown";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
