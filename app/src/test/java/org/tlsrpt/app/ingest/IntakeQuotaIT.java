package org.tlsrpt.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.embedded.FreePorts;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;

/**
 * The daily quotas of the running application, configured small: past a client address's bytes or an
 * organisation's reports, HTTP answers 429 with Retry-After until UTC midnight and a quota-exceeded problem, SMTP
 * answers 452 4.3.1 so that the sender keeps the mail; nothing refused reaches Kafka, and the refusal counter moves
 * by exactly the number refused. Each HTTP client here is its own loopback address, as quotas count per address.
 */
class IntakeQuotaIT {

    private static final int BYTES_PER_CLIENT = 20_000;
    private static final int REPORTS_PER_ORGANISATION = 3;
    /** Two of these fit in a client's daily bytes, a third does not. */
    private static final int PADDED_REPORT_BYTES = 8_000;
    private static final String REFUSED_HTTP = "tlsrpt_ingest_refused_total{channel=http,reason=quota-exceeded}";
    private static final String REFUSED_SMTP = "tlsrpt_ingest_refused_total{channel=smtp,reason=quota-exceeded}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static EmbeddedKafka kafka;
    private static AppProcess app;
    private static int smtpPort;

    @BeforeAll
    static void startKafkaAndTheApplication() throws Exception {
        dir = Files.createTempDirectory("tlsrpt-quota-it");
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir.resolve("broker")).withPorts(0, 0));
        smtpPort = FreePorts.pick();
        app = AppProcess.packaged().settings(List.of(
                "tlsrpt.roles=ingest",
                "tlsrpt.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "tlsrpt.ingest.smtp.host=127.0.0.1",
                "tlsrpt.ingest.smtp.port=" + smtpPort,
                "tlsrpt.ingest.quota.bytes-per-client-per-day=" + BYTES_PER_CLIENT,
                "tlsrpt.ingest.quota.reports-per-organisation-per-day=" + REPORTS_PER_ORGANISATION))
                .startReady(dir, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void aClientPastItsDailyBytesGets429UntilMidnightWhileAnotherClientIsServed() throws Exception {
        PrometheusSamples before = PrometheusSamples.scrape(app.managementPort());
        List<RawHttp.Response> answers = new ArrayList<>();
        try (RawHttp client = new RawHttp(app.httpPort(), "127.0.0.5")) {
            for (int i = 1; i <= 4; i++) {
                // Each its own organisation, so that only the client's bytes can run out.
                answers.add(client.post("/v1/reports", "application/tlsrpt+json",
                        report("bytes-" + i + ".example", "Bytes Org " + i, PADDED_REPORT_BYTES)));
            }
        }
        RawHttp.Response other;
        try (RawHttp client = new RawHttp(app.httpPort(), "127.0.0.6")) {
            other = client.post("/v1/reports", "application/tlsrpt+json",
                    report("bytes-other.example", "Bytes Org Other", PADDED_REPORT_BYTES));
        }
        PrometheusSamples after = PrometheusSamples.scrape(app.managementPort());

        assertThat(answers).extracting(RawHttp.Response::status).containsExactly(201, 201, 429, 429);
        assertRefusedUntilMidnight(answers.get(2), "client address");
        assertRefusedUntilMidnight(answers.get(3), "client address");
        assertThat(other.status()).as(other.text()).isEqualTo(201);
        assertThat(after.since(before, REFUSED_HTTP)).isEqualTo(2);
        assertThat(TopicRecords.policyDomains(TopicRecords.reports(kafka.bootstrapServers())))
                .contains("bytes-1.example", "bytes-2.example", "bytes-other.example")
                .doesNotContain("bytes-3.example", "bytes-4.example");
    }

    @Test
    void anOrganisationPastItsDailyReportsGets429OverHttpFromAnyClientAnd452OverSmtp() throws Exception {
        PrometheusSamples before = PrometheusSamples.scrape(app.managementPort());
        List<RawHttp.Response> answers = new ArrayList<>();
        for (int i = 1; i <= REPORTS_PER_ORGANISATION + 1; i++) {
            // Each from its own address, so that only the organisation's count can run out.
            try (RawHttp client = new RawHttp(app.httpPort(), "127.0.0." + (20 + i))) {
                answers.add(client.post("/v1/reports", "application/tlsrpt+json",
                        report("org-http-" + i + ".example", "Quota Org HTTP", 0)));
            }
        }
        List<String> replies = new ArrayList<>();
        try (SmtpDialog smtp = new SmtpDialog(smtpPort)) {
            for (int i = 1; i <= REPORTS_PER_ORGANISATION + 1; i++) {
                String domain = "org-smtp-" + i + ".example";
                replies.add(smtp.send(Fixtures.mail(domain, Fixtures.gzip(report(domain, "Quota Org SMTP", 0)))));
            }
        }
        PrometheusSamples after = PrometheusSamples.scrape(app.managementPort());

        assertThat(answers).extracting(RawHttp.Response::status).containsExactly(201, 201, 201, 429);
        assertRefusedUntilMidnight(answers.get(3), "organisation");
        assertThat(replies).hasSize(4);
        assertThat(replies.subList(0, 3)).allSatisfy(reply -> assertThat(reply).startsWith("250"));
        assertThat(replies.get(3)).startsWith("452 4.3.1");
        assertThat(after.since(before, REFUSED_HTTP)).isEqualTo(1);
        assertThat(after.since(before, REFUSED_SMTP)).isEqualTo(1);
        assertThat(TopicRecords.policyDomains(TopicRecords.reports(kafka.bootstrapServers())))
                .contains("org-http-1.example", "org-http-2.example", "org-http-3.example",
                        "org-smtp-1.example", "org-smtp-2.example", "org-smtp-3.example")
                .doesNotContain("org-http-4.example", "org-smtp-4.example");
    }

    private static void assertRefusedUntilMidnight(RawHttp.Response response, String whose) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        long toMidnight = Duration.between(now, LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC))
                .toSeconds();
        assertThat(response.status()).as(response.text()).isEqualTo(429);
        assertThat(response.header("Retry-After")).as("whole seconds").matches("[1-9][0-9]*");
        assertThat(Long.parseLong(response.header("Retry-After"))).as("seconds until UTC midnight")
                .isBetween(Math.max(1, toMidnight - 120), toMidnight + 1);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("quota-exceeded");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asText()).contains(whose);
    }

    /** A report of this organisation, padded with spaces between two members to {@code padTo} bytes if given. */
    private static byte[] report(String domain, String organisation, int padTo) {
        String json = new String(Fixtures.report(domain), StandardCharsets.US_ASCII)
                .replace("Google Inc.", organisation);
        int comma = json.indexOf(',') + 1;
        String padding = " ".repeat(Math.max(0, padTo - json.length()));
        return Fixtures.ascii(json.substring(0, comma) + padding + json.substring(comma));
    }
}
