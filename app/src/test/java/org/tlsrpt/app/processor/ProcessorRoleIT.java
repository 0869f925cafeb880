package org.tlsrpt.app.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsrpt.processor.TestReports.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tlsrpt.app.ingest.Fixtures;
import org.tlsrpt.app.ingest.PrometheusSamples;
import org.tlsrpt.app.ingest.SmtpDialog;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.message.QuarantineRecord;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.embedded.FreePorts;
import org.tlsrpt.ingest.testing.LocalUnbound;
import org.tlsrpt.processor.Await;
import org.tlsrpt.processor.Contents;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * {@code tlsrpt run} as a user starts it (every role, embedded Kafka and ClickHouse): a report posted over HTTP is
 * in every table and both daily aggregates, with values written out here by hand; the same report by mail counts
 * once; {@code tlsrpt reprocess} and {@code tlsrpt migrate} work against the running application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessorRoleIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Every domain these tests send for is under .example; outsider.invalid is not served. */
    private static final String ALLOWED_DOMAINS = "tlsrpt.ingest.allowed-domains=.example";
    /** Two days ago, well inside the retention, so that no TTL touches the rows. */
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    private static final String ID = "5065427c-23d3-47ca-b6e0-946ea0e8c4be";
    /** RFC 8460's example report (Appendix B), on {@link #DAY}, plus a tlsa policy reporting the same sessions. */
    private static final String REPORT = """
            {"organization-name":"Company-X","date-range":{"start-datetime":"%1$sT00:00:00Z",\
            "end-datetime":"%1$sT23:59:59Z"},"contact-info":"sts-reporting@company-x.example",\
            "report-id":"5065427c-23d3-47ca-b6e0-946ea0e8c4be","policies":[{"policy":{"policy-type":"sts",\
            "policy-string":["version: STSv1","mode: testing","mx: *.mail.company-y.example","max_age: 86400"],\
            "policy-domain":"company-y.example","mx-host":["*.mail.company-y.example"]},\
            "summary":{"total-successful-session-count":5326,"total-failure-session-count":303},\
            "failure-details":[{"result-type":"certificate-expired","sending-mta-ip":"2001:db8:abcd:0012::1",\
            "receiving-mx-hostname":"mx1.mail.company-y.example","failed-session-count":100},\
            {"result-type":"starttls-not-supported","sending-mta-ip":"2001:db8:abcd:0013::1",\
            "receiving-mx-hostname":"mx2.mail.company-y.example","receiving-ip":"203.0.113.56",\
            "failed-session-count":200,"additional-information":"https://reports.company-x.example/\
            report_info?id=5065427c-23d3#StarttlsNotSupported"},{"result-type":"validation-failure",\
            "sending-mta-ip":"198.51.100.62","receiving-ip":"203.0.113.58",\
            "receiving-mx-hostname":"mx-backup.mail.company-y.example","failed-session-count":3,\
            "failure-reason-code":"X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED"}]},\
            {"policy":{"policy-type":"tlsa","policy-string":["3 1 1 0123456789abcdef"],\
            "policy-domain":"company-y.example","mx-host":["mx1.mail.company-y.example"]},\
            "summary":{"total-successful-session-count":5326,"total-failure-session-count":303}}]}\
            """.formatted(DAY);

    private static final String API_TOKEN = "processor-role-it-" + java.util.UUID.randomUUID();
    /** The selector under which the test's own DKIM key for google.com is published by {@link #dns}. */
    private static final String SELECTOR = "s1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private KeyPair googleKey;
    private LocalUnbound dns;
    private Path workDir;
    private AppProcess app;
    private int kafkaPort;
    private int clickHousePort;
    private int smtpPort;
    private ClickHouseConnector clickHouse;
    private Contents contents;

    @BeforeAll
    void start() throws Exception {
        workDir = Files.createTempDirectory("tlsrpt-processor-role-it");
        kafkaPort = FreePorts.pick();
        clickHousePort = FreePorts.pick();
        smtpPort = FreePorts.pick();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        googleKey = generator.generateKeyPair();
        Files.createDirectories(workDir.resolve("dns"));
        dns = LocalUnbound.start(workDir.resolve("dns"), List.of("google.com."), Map.of(
                SELECTOR + "._domainkey.google.com.", "v=DKIM1; k=rsa; p="
                        + Base64.getEncoder().encodeToString(googleKey.getPublic().getEncoded())));
        app = AppProcess.packaged().heap("-Xmx512m").settings(List.of(
                "tlsrpt.ingest.dkim.resolver=" + dns.address(),
                "tlsrpt.api.token=" + API_TOKEN,
                "tlsrpt.kafka.port=" + kafkaPort,
                "tlsrpt.kafka.controller-port=" + FreePorts.pick(),
                "tlsrpt.clickhouse.port=" + clickHousePort,
                "tlsrpt.ingest.smtp.host=127.0.0.1",
                "tlsrpt.ingest.smtp.port=" + smtpPort,
                ALLOWED_DOMAINS))
                .startReady(workDir, Duration.ofSeconds(120));
        // the password `tlsrpt run` made for its data directory, as the commands read it
        String password = app.embeddedClickHousePassword();
        clickHouse = new ClickHouseConnector("jdbc:clickhouse:http://127.0.0.1:" + clickHousePort
                + "/default?compress=false", "default", password);
        contents = new Contents(clickHouse);
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Settings for a command run beside the application: the same ports and data directory, so it finds the embedded
     * services and their password.
     */
    private List<String> cliSettings() {
        return List.of("tlsrpt.kafka.port=" + kafkaPort, "tlsrpt.clickhouse.port=" + clickHousePort,
                "tlsrpt.data-dir=" + AppProcess.dataDir(workDir));
    }

    /** For {@code tlsrpt reprocess}: also the same intake policy. */
    private List<String> reprocessSettings() {
        List<String> settings = new ArrayList<>(cliSettings());
        settings.add(ALLOWED_DOMAINS);
        return settings;
    }

    @Test
    void aPostedReportIsInEveryTableAndBothAggregatesAndTheSameReportByMailCountsOnce() throws Exception {
        long posted = System.nanoTime();
        HttpResponse<String> response = post(REPORT.getBytes(StandardCharsets.UTF_8));
        long answered = System.nanoTime();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String daily = "SELECT sum(reports) FROM daily_policy WHERE policy_domain = 'company-y.example'";
        awaitQuickly(() -> number(daily) == 2);
        long visible = System.nanoTime();
        System.out.printf("ProcessorRoleIT: the RFC report was in the daily aggregates %d ms after the POST began "
                + "(201 after %d ms)%n", Duration.ofNanos(visible - posted).toMillis(),
                Duration.ofNanos(answered - posted).toMillis());
        // reports is the last table a batch writes: once its row is there, the whole batch is
        awaitQuickly(() -> number("SELECT count() FROM reports WHERE report_id = '" + ID + "'") == 1);

        String key = response.body().replaceAll(".*\"keys\":\\[\"([0-9a-f]{32})\".*", "$1");
        assertThat(key).matches("[0-9a-f]{32}");
        String day = DAY.toString();
        assertThat(contents.rows("SELECT key, organization, report_id, toString(day), channel, contact_info, "
                + "arrayStringConcat(policy_domains, ',') FROM reports WHERE report_id = '" + ID + "'")).containsExactly(List.of(key, "Company-X",
                        "5065427c-23d3-47ca-b6e0-946ea0e8c4be", day, "http", "sts-reporting@company-x.example",
                        "company-y.example"));
        assertThat(contents.rows("SELECT policy_index, policy_type, policy_domain, toString(day), organization, "
                + "arrayStringConcat(policy_string, '|'), arrayStringConcat(mx_host, ','), successful, failed, "
                + "detail_failed FROM policy_results WHERE key = '" + key + "' ORDER BY policy_index")).containsExactly(
                        List.of("0", "sts", "company-y.example", day, "Company-X",
                                "version: STSv1|mode: testing|mx: *.mail.company-y.example|max_age: 86400",
                                "*.mail.company-y.example", "5326", "303", "303"),
                        List.of("1", "tlsa", "company-y.example", day, "Company-X", "3 1 1 0123456789abcdef",
                                "mx1.mail.company-y.example", "5326", "303", "0"));
        assertThat(contents.rows("SELECT detail_index, policy_type, result_type, sending_mta_ip, "
                + "receiving_mx_hostname, receiving_ip, failed_sessions, additional_information, failure_reason_code "
                + "FROM failure_details WHERE key = '" + key + "' ORDER BY detail_index")).containsExactly(
                        // IPv6 addresses are stored in their canonical (RFC 5952) form
                        List.of("0", "sts", "certificate-expired", "2001:db8:abcd:12::1",
                                "mx1.mail.company-y.example", "", "100", "", ""),
                        List.of("1", "sts", "starttls-not-supported", "2001:db8:abcd:13::1",
                                "mx2.mail.company-y.example", "203.0.113.56", "200",
                                "https://reports.company-x.example/report_info?id=5065427c-23d3#StarttlsNotSupported",
                                ""),
                        List.of("2", "sts", "validation-failure", "198.51.100.62",
                                "mx-backup.mail.company-y.example", "203.0.113.58", "3", "",
                                "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED"));
        Map<String, List<Long>> expectedPolicy = Map.of(
                "company-y.example|" + day + "|sts|Company-X", List.of(1L, 5326L, 303L),
                "company-y.example|" + day + "|tlsa|Company-X", List.of(1L, 5326L, 303L));
        Map<String, List<Long>> expectedFailures = Map.of(
                "company-y.example|" + day + "|sts|certificate-expired|mx1.mail.company-y.example|"
                        + "2001:db8:abcd:12::1", List.of(1L, 100L),
                "company-y.example|" + day + "|sts|starttls-not-supported|mx2.mail.company-y.example|"
                        + "2001:db8:abcd:13::1", List.of(1L, 200L),
                "company-y.example|" + day + "|sts|validation-failure|mx-backup.mail.company-y.example|"
                        + "198.51.100.62", List.of(1L, 3L));
        assertThat(companyY(contents.dailyPolicy())).isEqualTo(expectedPolicy);
        assertThat(companyY(contents.dailyFailures())).isEqualTo(expectedFailures);
        assertThat(number("SELECT count() FROM raw_reports WHERE sha256 = (SELECT raw_sha256 FROM reports WHERE "
                + "key = '" + key + "')")).isEqualTo(1);

        // the same report again: over HTTP as a sender's retry, and by mail (gzip attachment)
        assertThat(post(REPORT.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        try (SmtpDialog smtp = new SmtpDialog(smtpPort)) {
            assertThat(smtp.send(Fixtures.mail("company-y.example",
                    Fixtures.gzip(REPORT.getBytes(StandardCharsets.UTF_8))))).startsWith("250");
        }
        // wait until the processor has committed everything on the topic, then look again
        awaitProcessorCaughtUp();
        assertThat(number("SELECT count() FROM reports WHERE key = '" + key + "'")).isEqualTo(1);
        assertThat(number("SELECT count() FROM policy_results WHERE key = '" + key + "'")).isEqualTo(2);
        assertThat(number("SELECT count() FROM failure_details WHERE key = '" + key + "'")).isEqualTo(3);
        assertThat(companyY(contents.dailyPolicy())).isEqualTo(expectedPolicy);
        assertThat(companyY(contents.dailyFailures())).isEqualTo(expectedFailures);
        assertThat(contents.rows("SELECT channel FROM reports WHERE key = '" + key + "'"))
                .containsExactly(List.of("http"));
    }

    /**
     * Issue 12, hole 3: the TTL used to drop such a report at insert after a 201, with no trace anywhere. Three years:
     * two years (730 days) are inside the default retention of 800 days since V012.
     */
    @Test
    void aReportOlderThanTheRetentionIsAcceptedButEndsInQuarantineAndCountsNowhere() throws Exception {
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusYears(3);
        String report = REPORT.replace(DAY.toString(), old.toString()).replace(ID, "three-years-old")
                .replace("company-y.example", "company-old.example");
        String refused = "tlsrpt_processor_refused_total{reason=outside-retention}";
        PrometheusSamples before = metrics();

        assertThat(post(report.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);

        Await.until(DEADLINE, () -> number("SELECT count() FROM quarantine WHERE reason_code = 'outside-retention' "
                + "AND position(bytes, 'three-years-old') > 0"), 1L);
        Await.until(DEADLINE, () -> (long) metrics().since(before, refused), 1L);
        awaitProcessorCaughtUp();
        assertThat(number("SELECT count() FROM reports WHERE report_id = 'three-years-old'")).isZero();
        assertThat(number("SELECT count() FROM daily_policy WHERE policy_domain = 'company-old.example'")).isZero();
        JsonNode list = api("/api/v1/reports?domain=company-old.example&from=" + old + "&to=" + old);
        assertThat(list.path("items")).isEmpty();
    }

    /**
     * Issue 12, hole 4, as an attacker would do it: an unauthenticated POST of a forged "Google LLC" report under the
     * guessable report-id (date and domain) Google will use, hours before Google's DKIM-signed mail. The mail counts,
     * the forgery stays as a version that does not count, and the report is marked identity-conflict.
     */
    @Test
    void aForgedGoogleReportPostedFirstIsKeptButTheDkimSignedMailIsCountedAndTheConflictIsShown() throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(4);
        String reportId = day + "T00:00:00Z_victim.example";
        String conflicts = "tlsrpt_processor_identity_conflicts_total";
        PrometheusSamples before = metrics();

        HttpResponse<String> forged = post(google(day, 0, 9000, "starttls-not-supported")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(201);
        Await.until(DEADLINE, () -> number("SELECT count() FROM reports WHERE report_id = '" + reportId + "'"), 1L);
        assertThat(contents.rows("SELECT sum(reports), sum(successful), sum(failed) FROM daily_policy "
                + "WHERE policy_domain = 'victim.example'")).containsExactly(List.of("1", "0", "9000"));

        String mail = Fixtures.mail("victim.example",
                Fixtures.gzip(google(day, 4800, 2, "certificate-expired").getBytes(StandardCharsets.UTF_8)));
        try (SmtpDialog smtp = new SmtpDialog(smtpPort)) {
            assertThat(smtp.send(signed(mail))).startsWith("250");
        }
        awaitProcessorCaughtUp();

        assertThat(contents.rows("SELECT sum(reports), sum(successful), sum(failed) FROM daily_policy "
                + "WHERE policy_domain = 'victim.example'")).containsExactly(List.of("1", "4800", "2"));
        assertThat(contents.rows("SELECT version, retraction, sign, channel, dkim FROM reports WHERE report_id = '"
                + reportId + "' ORDER BY version, retraction")).containsExactly(
                        List.of("0", "false", "1", "http", "not-checked"),
                        List.of("0", "true", "-1", "http", "not-checked"),
                        List.of("1", "false", "1", "smtp", "pass"));
        Await.until(DEADLINE, () -> (long) metrics().since(before, conflicts), 1L);

        JsonNode list = api("/api/v1/reports?domain=victim.example&from=" + day + "&to=" + day);
        assertThat(list.path("items")).hasSize(1);
        JsonNode listed = list.path("items").get(0);
        assertThat(listed.path("identityConflict").asBoolean()).isTrue();
        assertThat(listed.path("channel").asText()).isEqualTo("smtp");
        JsonNode detail = api("/api/v1/reports/" + listed.path("key").asText());
        assertThat(detail.path("identityConflict").asBoolean()).isTrue();
        assertThat(detail.path("dkim").path("result").asText()).isEqualTo("pass");
        assertThat(detail.path("versions")).hasSize(2);
        JsonNode forgery = detail.path("versions").get(0);
        JsonNode real = detail.path("versions").get(1);
        assertThat(forgery.path("counted").asBoolean()).isFalse();
        assertThat(forgery.path("channel").asText()).isEqualTo("http");
        assertThat(forgery.path("policies").get(0).path("failed").asLong()).isEqualTo(9000);
        assertThat(forgery.path("report").path("organization-name").asText()).isEqualTo("Google LLC");
        assertThat(real.path("counted").asBoolean()).isTrue();
        assertThat(real.path("policies").get(0).path("successful").asLong()).isEqualTo(4800);
    }


    /** The mail signed as Google signs its reports (d=google.com), with the key {@link #dns} publishes. */
    private String signed(String mail) throws Exception {
        String signature = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=" + SELECTOR + "; "
                + "h=from:to:subject:message-id:tls-report-submitter:tls-report-domain; bh=; b=;",
                googleKey.getPrivate()).sign(new ByteArrayInputStream(mail.getBytes(StandardCharsets.US_ASCII)));
        return signature + "\r\n" + mail;
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort() + path)).header("Authorization", "Bearer " + API_TOKEN)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private PrometheusSamples metrics() throws Exception {
        return PrometheusSamples.scrape(app.managementPort());
    }

    private static Map<String, List<Long>> companyY(Map<String, List<Long>> aggregate) {
        Map<String, List<Long>> rows = new java.util.TreeMap<>(aggregate);
        rows.keySet().removeIf(key -> !key.startsWith("company-y.example|"));
        return rows;
    }

    @Test
    void reportsPostedOneByOneAreVisibleInTheAggregatesWithinTheDeadline() throws Exception {
        TestReports.Tally tally = new TestReports.Tally();
        List<Long> millis = new ArrayList<>();
        List<Long> answerMillis = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            String json = TestReports.generate(90_000 + n, tally);
            String reportId = "load-" + (90_000 + n);
            long posted = System.nanoTime();
            assertThat(post(json.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
            answerMillis.add(Duration.ofNanos(System.nanoTime() - posted).toMillis());
            // polled every 20 ms, the query's own time included
            awaitQuickly(() -> number("SELECT count() FROM reports WHERE report_id = '" + reportId + "'") == 1);
            millis.add(Duration.ofNanos(System.nanoTime() - posted).toMillis());
        }
        Collections.sort(millis);
        Collections.sort(answerMillis);
        System.out.printf("ProcessorRoleIT: POST to visible in reports, 20 reports one at a time: median %d ms, "
                + "max %d ms (201 answered after median %d ms, max %d ms)%n", millis.get(millis.size() / 2),
                millis.get(millis.size() - 1), answerMillis.get(answerMillis.size() / 2),
                answerMillis.get(answerMillis.size() - 1));
        awaitProcessorCaughtUp();
        assertThat(number("SELECT count() FROM reports WHERE report_id LIKE 'load-9%'")).isEqualTo(20);
    }

    @Test
    void aQuarantinedReportThatParsesTodayIsPublishedByReprocessAndCounted() throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        String json = REPORT.replace(DAY.toString(), day.toString())
                .replace("5065427c-23d3-47ca-b6e0-946ea0e8c4be", "reprocessed-1")
                .replace("company-y.example", "company-z.example");
        // as an older parser refused it; today's parser reads it
        quarantine(json, RefusalCode.NOT_JSON, "older parser");

        CliProcess reprocess = CliProcess.run(reprocessSettings(), "reprocess", "--since",
                LocalDate.now(ZoneOffset.UTC).toString(), "--reason", "not-json");
        assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
        assertThat(reprocess.out()).contains("examined 1 quarantined items: 1 reports published");

        Await.until(DEADLINE, () -> number("SELECT count() FROM reports WHERE report_id = 'reprocessed-1'"), 1L);
        assertThat(contents.rows("SELECT channel FROM reports WHERE report_id = 'reprocessed-1'"))
                .containsExactly(List.of("reprocess"));
        assertThat(contents.rows("SELECT policy_type, sum(reports), sum(successful), sum(failed) FROM daily_policy "
                + "WHERE policy_domain = 'company-z.example' GROUP BY policy_type ORDER BY policy_type"))
                .containsExactly(List.of("sts", "1", "5326", "303"), List.of("tlsa", "1", "5326", "303"));

        CliProcess badOption = CliProcess.run(reprocessSettings(), "reprocess", "--since", "last tuesday");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err()).contains("'--since': 'last tuesday' is neither an instant");
    }

    @Test
    void reprocessDoesNotLetInAReportTheAllowListRefused() throws Exception {
        String json = REPORT.replace("5065427c-23d3-47ca-b6e0-946ea0e8c4be", "outsider-1")
                .replace("company-y.example", "outsider.invalid");
        // the sample the intake keeps of what the allow-list refused: it parses, and must stay out
        String sha256 = quarantine(json, RefusalCode.DOMAIN_NOT_ALLOWED,
                "policy domain outsider.invalid is not served here");

        CliProcess reprocess = CliProcess.run(reprocessSettings(), "reprocess", "--reason", "domain-not-allowed");
        assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
        assertThat(reprocess.out()).contains("examined 1 quarantined items: 0 reports published")
                .contains("1 refused by the intake policy");
        awaitProcessorCaughtUp();
        assertThat(number("SELECT count() FROM reports WHERE report_id = 'outsider-1'")).isZero();
        assertThat(number("SELECT count() FROM quarantine WHERE sha256 = '" + sha256 + "'"))
                .as("refused again, not quarantined again").isEqualTo(1);
    }

    @Test
    void migrateAgainstTheRunningApplicationChangesNothing() throws Exception {
        String schema = "SELECT name, create_table_query FROM system.tables WHERE database = 'default' ORDER BY name";
        List<List<String>> before = contents.rows(schema);
        long recorded = number("SELECT count() FROM schema_migrations");

        CliProcess first = CliProcess.run(cliSettings(), "migrate");
        CliProcess second = CliProcess.run(cliSettings(), "migrate");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("schema is current at jdbc:clickhouse:http://127.0.0.1:" + clickHousePort);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(contents.rows(schema)).isEqualTo(before).isNotEmpty();
        assertThat(number("SELECT count() FROM schema_migrations")).isEqualTo(recorded).isPositive();
    }

    /** Puts {@code json} into quarantine as the intake would have, refused for {@code code}; its SHA-256 once stored. */
    private String quarantine(String json, RefusalCode code, String message) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Receipt receipt = new Receipt("http", Instant.now(), "192.0.2.9", Map.of("request", "r1"), "$",
                Sha256.hex(bytes), "application/tlsrpt+json", Envelope.NONE, Receipt.DKIM_NOT_CHECKED, null,
                false);
        QuarantineRecord refused = new QuarantineRecord(new Refusal(code, "$", message), receipt);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", "127.0.0.1:" + kafkaPort, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("tlsrpt.quarantine", receipt.rawSha256(),
                    RecordCodec.encode(refused, bytes))).get();
        }
        Await.until(DEADLINE, () -> number("SELECT count() FROM quarantine WHERE sha256 = '"
                + receipt.rawSha256() + "'"), 1L);
        return receipt.rawSha256();
    }

    private static void awaitQuickly(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("visible within %s", DEADLINE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/v1/reports"))
                .header("Content-Type", "application/tlsrpt+json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long number(String sql) throws Exception {
        List<List<String>> rows = contents.rows(sql);
        return rows.isEmpty() || rows.get(0).get(0) == null ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    /** Waits until the processor's consumer group has committed every record on the reports topic. */
    private void awaitProcessorCaughtUp() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort))) {
            Await.until(DEADLINE, () -> lag(admin), 0L);
        }
    }

    private static long lag(org.apache.kafka.clients.admin.Admin admin) throws Exception {
        var committed = admin.listConsumerGroupOffsets("tlsrpt-processor").partitionsToOffsetAndMetadata().get();
        var partitions = admin.describeTopics(List.of("tlsrpt.reports")).allTopicNames().get().get("tlsrpt.reports")
                .partitions();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                new java.util.HashMap<>();
        partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition("tlsrpt.reports",
                p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            var offset = committed.get(end.getKey());
            lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }
}
