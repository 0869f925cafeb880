package org.tlsrpt.processor.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tlsrpt.processor.TestReports.google;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.processor.Contents;
import org.tlsrpt.processor.SharedInfrastructure;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;
import org.tlsrpt.storage.schema.SchemaDialect;

/**
 * Reports the tables cannot keep, and several contents under one report identity, written by the real writer into the
 * embedded ClickHouse: what ends in quarantine, which version counts in every table and aggregate, and that crash
 * and replay still count exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedInfrastructure.class)
class ReportVersionsIT {

    private static final String TOPIC = "tlsrpt.reports";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final ReportReader READER = new ReportReader(Limits.DEFAULTS);
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(5);

    private TestClickHouse clickhouse;

    @BeforeAll
    void start(TestClickHouse clickhouse) {
        this.clickhouse = clickhouse;
    }

    private ClickHouseConnector database() throws Exception {
        return clickhouse.freshDatabase("versions" + DATABASES.incrementAndGet());
    }


    private static ConsumerRecord<String, byte[]> posted(String json, long offset) {
        return read(json.getBytes(StandardCharsets.UTF_8), "application/tlsrpt+json", "http", false, offset);
    }

    /** As the SMTP channel publishes a mail whose DKIM signature passed, aligned with its submitter (google.com). */
    private static ConsumerRecord<String, byte[]> signedMail(String json, long offset) {
        return read(json.getBytes(StandardCharsets.UTF_8), "application/tlsrpt+json", "smtp", true, offset);
    }

    private static ConsumerRecord<String, byte[]> read(byte[] raw, String mediaType, String channel, boolean signed,
            long offset) {
        ReadReport read = READER.read(raw, mediaType, null).reports().get(0);
        Receipt receipt = new Receipt(channel, java.time.Instant.now(), "192.0.2.1", Map.of("test", "versions"),
                read.location(), Sha256.hex(raw), mediaType, Envelope.NONE,
                signed ? "pass" : Receipt.DKIM_NOT_CHECKED, signed ? "google.com" : null, signed);
        ReportRecord record = new ReportRecord(read.key().value(), read.report(), read.findings(), receipt);
        return new ConsumerRecord<>(TOPIC, 0, offset, record.key(), RecordCodec.encode(record, raw));
    }

    private static Batch batch(List<ConsumerRecord<String, byte[]>> records) {
        return new Batch(TOPIC, records);
    }

    @Test
    void aReportOlderThanTheRetentionEndsInQuarantineAndTheDayAfterTheBoundaryIsStored() throws Exception {
        ClickHouseConnector database = database();
        Contents contents = new Contents(database);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ReportWriter writer = new ReportWriter(database, new Retention(800, Clock.systemUTC()));
        String threeYearsAgo = google(today.minusYears(3), 10, 1, "certificate-expired");
        String lastKept = google(today.minusDays(799), 20, 2, "certificate-expired");
        String firstDropped = google(today.minusDays(800), 30, 3, "certificate-expired");

        writer.write(batch(List.of(posted(threeYearsAgo, 0), posted(lastKept, 1), posted(firstDropped, 2))));

        assertThat(writer.outsideRetention()).isEqualTo(2);
        assertThat(contents.rows("SELECT reason_code, reason_path, source_offset, bytes, coordinates['report-key'] "
                + "FROM quarantine ORDER BY source_offset")).extracting(row -> row.subList(0, 4)).containsExactly(
                        List.of("outside-retention", "$.date-range", "0", threeYearsAgo),
                        List.of("outside-retention", "$.date-range", "2", firstDropped));
        // the day ClickHouse's TTL still keeps is stored: the writer's boundary is the table's
        assertThat(contents.rows("SELECT toString(day) FROM reports")).containsExactly(
                List.of(today.minusDays(799).toString()));
        assertThat(contents.dailyPolicy()).containsOnlyKeys(
                "victim.example|" + today.minusDays(799) + "|sts|Google LLC");
    }

    @Test
    void aDistinctVersionBeyondTheCapEndsInQuarantineAndTheStoredVersionsStayAsTheyWere() throws Exception {
        ClickHouseConnector database = database();
        Contents contents = new Contents(database);
        ReportWriter writer = new ReportWriter(database, Retention.standard(), 2);
        String first = google(DAY, 100, 1, "certificate-expired");
        String second = google(DAY, 100, 2, "certificate-expired");
        String third = google(DAY, 100, 3, "certificate-expired");

        writer.write(batch(List.of(posted(first, 0), posted(second, 1))));
        writer.write(batch(List.of(posted(third, 2), posted(second, 3))));

        assertThat(writer.tooManyVersions()).isEqualTo(1);
        assertThat(contents.rows("SELECT reason_code, source_offset, bytes, coordinates['report-key'] FROM quarantine"))
                .extracting(row -> row.subList(0, 3)).containsExactly(List.of("too-many-versions", "2", third));
        assertThat(contents.rows("SELECT version, sign FROM reports ORDER BY version"))
                .containsExactly(List.of("0", "1"), List.of("1", "0"));
        assertThat(contents.dailyPolicy()).containsExactly(
                Map.entry("victim.example|" + DAY + "|sts|Google LLC", List.of(1L, 100L, 1L)));
    }

    @Test
    void theDkimSignedMailDisplacesAnEarlierUnauthenticatedForgeryInEveryTableAndAggregate() throws Exception {
        ClickHouseConnector database = database();
        Contents contents = new Contents(database);
        ReportWriter writer = new ReportWriter(database);
        String forgery = google(DAY, 0, 5000, "starttls-not-supported");
        String real = google(DAY, 4800, 2, "certificate-expired");
        Batch forged = batch(List.of(posted(forgery, 0)));
        Batch mailed = batch(List.of(signedMail(real, 1)));

        writer.write(forged);
        assertThat(contents.dailyPolicy()).containsExactly(
                Map.entry("victim.example|" + DAY + "|sts|Google LLC", List.of(1L, 0L, 5000L)));
        writer.write(mailed);

        assertCountsOnlyTheRealReport(contents);
        assertThat(writer.identityConflicts()).isEqualTo(1);
        assertThat(writer.displaced()).isEqualTo(1);
        assertThat(contents.rows("SELECT version, retraction, sign, channel FROM reports ORDER BY version, retraction"))
                .containsExactly(List.of("0", "false", "1", "http"), List.of("0", "true", "-1", "http"),
                        List.of("1", "false", "1", "smtp"));

        // the same batch again after a crash before its commit, and a replay of the topic in other batches
        writer.write(mailed);
        writer.write(batch(List.of(posted(forgery, 0), signedMail(real, 1))));
        writer.write(forged);
        assertCountsOnlyTheRealReport(contents);
        assertThat(contents.count("reports")).isEqualTo(3);
        assertThat(contents.count("policy_results")).isEqualTo(3);
        assertThat(contents.count("failure_details")).isEqualTo(3);
        assertThat(writer.identityConflicts()).isEqualTo(1);
    }

    @Test
    void aBatchInterruptedAfterItsRetractionsButBeforeItsReportsRowsCountsOnceWhenRetried() throws Exception {
        ClickHouseConnector database = database();
        Contents contents = new Contents(database);
        ReportWriter writer = new ReportWriter(database);
        writer.write(batch(List.of(posted(google(DAY, 0, 5000, "starttls-not-supported"), 0))));
        Batch mailed = batch(List.of(signedMail(google(DAY, 4800, 2, "certificate-expired"), 1)));

        ReportWriter.Prepared interrupted = writer.prepare(mailed);
        try (BulkInsert bulk = new BulkInsert(database)) {
            interrupted.tables().insertDependents(bulk, mailed.deduplicationToken());
        }
        assertThat(contents.count("reports")).isEqualTo(1);
        writer.write(mailed); // decides again against the same stored versions: same rows, same token

        assertCountsOnlyTheRealReport(contents);
    }

    @Test
    void theForgeryAndTheMailInOneBatchStoreTheForgeryUncountedWithoutRetraction() throws Exception {
        ClickHouseConnector database = database();
        Contents contents = new Contents(database);
        new ReportWriter(database).write(batch(List.of(posted(google(DAY, 0, 5000, "starttls-not-supported"), 0),
                signedMail(google(DAY, 4800, 2, "certificate-expired"), 1))));

        assertCountsOnlyTheRealReport(contents);
        assertThat(contents.rows("SELECT version, retraction, sign FROM reports ORDER BY version"))
                .containsExactly(List.of("0", "false", "0"), List.of("1", "false", "1"));
    }

    @Test
    void aCopyOfAReportStoredBeforeVersionsExistedIsTakenAsADuplicateAsBefore() throws Exception {
        ClickHouseConnector database = database();
        Contents contents = new Contents(database);
        ReportWriter writer = new ReportWriter(database);
        writer.write(batch(List.of(posted(google(DAY, 100, 1, "certificate-expired"), 0))));
        // as V013 left a row stored before it: no content hash
        try (var connection = database.open(); var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE reports UPDATE content_sha256 = '' WHERE 1 SETTINGS mutations_sync = 1");
        }

        writer.write(batch(List.of(signedMail(google(DAY, 200, 2, "certificate-expired"), 1))));

        assertThat(writer.duplicates()).isEqualTo(1);
        assertThat(writer.identityConflicts()).isZero();
        assertThat(contents.count("reports")).isEqualTo(1);
        assertThat(contents.dailyPolicy()).containsExactly(
                Map.entry("victim.example|" + DAY + "|sts|Google LLC", List.of(1L, 100L, 1L)));
    }

    private void assertCountsOnlyTheRealReport(Contents contents) throws Exception {
        String prefix = "victim.example|" + DAY + "|sts|";
        assertThat(contents.dailyPolicy()).containsExactly(Map.entry(prefix + "Google LLC", List.of(1L, 4800L, 2L)));
        Map<String, List<Long>> failures = new java.util.TreeMap<>(contents.dailyFailures());
        failures.values().removeIf(sums -> sums.get(0) == 0 && sums.get(1) == 0); // cancelled, not yet merged
        assertThat(failures).containsExactly(
                Map.entry(prefix + "certificate-expired|mx.victim.example|192.0.2.7", List.of(1L, 2L)));
        assertThat(contents.rows("SELECT sum(reports) FROM daily_reporters WHERE policy_domain = 'victim.example'"))
                .containsExactly(List.of("1"));
        assertThat(contents.rows("SELECT result_type, sum(toInt64(failed_sessions) * sign) FROM failure_details "
                + "GROUP BY result_type HAVING sum(sign) != 0")).containsExactly(List.of("certificate-expired", "2"));
    }

    /**
     * The corpus's real pair: one Microsoft identity whose two files say different things (the .json was edited from
     * the .json.gz). Read from /work/shared when it is there, never copied into the repository.
     */
    @Test
    void theCorpusPairWithOneIdentityAndDifferentCountsIsKeptAsTwoVersionsAndCountedOnce() throws Exception {
        Path pair = corpus("tls-rpt-monitor");
        assumeTrue(pair != null, "the shared corpus is not on this machine");
        byte[] gzip = Files.readAllBytes(pair.resolve("microsoft-report.json.gz"));
        byte[] edited = Files.readAllBytes(pair.resolve("microsoft-report.json"));
        // dated 2025-08-03: a retention long enough that this test holds for years
        ClickHouseConnector database = clickhouse.freshDatabase("versions" + DATABASES.incrementAndGet(),
                SchemaDialect.singleNode().withRetention(36_500, 90));
        Contents contents = new Contents(database);
        ReportWriter writer = new ReportWriter(database, new Retention(36_500, Clock.systemUTC()));
        ConsumerRecord<String, byte[]> first = read(gzip, "application/tlsrpt+gzip", "http", false, 0);
        ConsumerRecord<String, byte[]> second = read(edited, "application/tlsrpt+json", "http", false, 1);
        assertThat(first.key()).as("one identity").isEqualTo(second.key());

        writer.write(batch(List.of(first)));
        writer.write(batch(List.of(second)));

        assertThat(writer.identityConflicts()).isEqualTo(1);
        assertThat(contents.rows("SELECT version, sign, channel FROM reports ORDER BY version"))
                .containsExactly(List.of("0", "1", "http"), List.of("1", "0", "http"));
        assertThat(contents.rows("SELECT count(DISTINCT content_sha256) FROM reports")).containsExactly(List.of("2"));
        // the first to arrive counts: 2 successful sessions, no failure (the edited copy says 2 failed)
        assertThat(contents.dailyPolicy()).containsExactly(
                Map.entry("josh.scot|2025-08-03|sts|Microsoft Corporation", List.of(1L, 2L, 0L)));
        assertThat(contents.dailyFailures()).isEmpty();
    }

    /** The corpus directory {@code name} in {@code shared/corpus/tlsrpt} above the working directory, or null. */
    static Path corpus(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/tlsrpt").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
