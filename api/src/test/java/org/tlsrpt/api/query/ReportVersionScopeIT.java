package org.tlsrpt.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * The attack on a tenant's view of one report identity: a forgery naming another domain is posted first under the
 * identity of a tenant's real report and counts. The tenant must still find its report, with only its own version;
 * the forger must learn nothing of the tenant's version; only a scope covering both sees the conflict.
 */
class ReportVersionScopeIT {

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    private static final Scope VICTIM = Scope.of(List.of("victim.example"));
    private static final Scope ATTACKER = Scope.of(List.of("attacker.example"));

    static TestClickHouse clickhouse;
    static ClickHouseConnector connector;
    static String key;

    @BeforeAll
    static void writeForgeryThenRealReport() throws Exception {
        clickhouse = new TestClickHouse();
        connector = clickhouse.freshDatabase("version_scope_it");
        String real = TestReports.google(DAY, 4800, 2, "certificate-expired");
        String forgery = TestReports.google(DAY, 0, 5000, "starttls-not-supported")
                .replace("\"policy-domain\":\"victim.example\"", "\"policy-domain\":\"attacker.example\"");
        key = TestReports.record(real, "http").key();
        assertThat(TestReports.record(forgery, "http").key()).isEqualTo(key);
        ReportWriter writer = new ReportWriter(connector);
        writer.write(new Batch("tlsrpt.reports", List.of(posted(forgery, 0))));
        writer.write(new Batch("tlsrpt.reports", List.of(posted(real, 1))));
    }

    private static ConsumerRecord<String, byte[]> posted(String json, long offset) {
        return new ConsumerRecord<>("tlsrpt.reports", 0, offset, TestReports.record(json, "http").key(),
                TestReports.value(json, "http"));
    }

    @AfterAll
    static void stop() {
        clickhouse.close();
    }

    private static Period period() {
        return new Period(DAY.minusDays(1), DAY.plusDays(1));
    }

    private static List<ReportSummary> listed(Scope scope) {
        return new ReportListQuery(connector).list(scope, null, null, period(), null, 100).items();
    }

    @Test
    void theTenantStillSeesItsReportWithOnlyItsOwnVersionWhenACountedForgeryNamesAnotherDomain() {
        ReportDetail detail = new ReportQuery(connector).find(key, VICTIM).orElseThrow();

        assertThat(detail.policyDomains()).containsExactly("victim.example");
        assertThat(detail.identityConflict()).isFalse();
        assertThat(detail.versions()).extracting(ReportVersion::policyDomains)
                .containsExactly(List.of("victim.example"));
        assertThat(detail.report()).contains("certificate-expired").doesNotContain("attacker.example");
        assertThat(new ReportQuery(connector).raw(key, VICTIM).orElseThrow().bytes())
                .asString(StandardCharsets.UTF_8).contains("victim.example");

        assertThat(listed(VICTIM)).singleElement().satisfies(row -> {
            assertThat(row.key()).isEqualTo(key);
            assertThat(row.policyDomains()).containsExactly("victim.example");
            assertThat(row.identityConflict()).isFalse();
        });
    }

    @Test
    void theForgerLearnsNothingOfTheTenantsVersion() {
        ReportDetail detail = new ReportQuery(connector).find(key, ATTACKER).orElseThrow();

        assertThat(detail.identityConflict()).isFalse();
        assertThat(detail.versions()).extracting(ReportVersion::policyDomains)
                .containsExactly(List.of("attacker.example"));
        assertThat(listed(ATTACKER)).singleElement().satisfies(row -> {
            assertThat(row.policyDomains()).containsExactly("attacker.example");
            assertThat(row.identityConflict()).isFalse();
        });
        assertThat(new ReportQuery(connector).find(key, Scope.of(List.of("other.example")))).isEmpty();
        assertThat(listed(Scope.of(List.of("other.example")))).isEmpty();
    }

    @Test
    void aScopeCoveringBothSeesTheConflictAndTheCountedForgery() {
        ReportDetail detail = new ReportQuery(connector).find(key, Scope.all()).orElseThrow();

        assertThat(detail.identityConflict()).isTrue();
        assertThat(detail.policyDomains()).containsExactly("attacker.example");
        assertThat(detail.versions()).extracting(ReportVersion::counted).containsExactly(true, false);
        assertThat(listed(Scope.all())).singleElement().satisfies(row -> {
            assertThat(row.identityConflict()).isTrue();
            assertThat(row.policyDomains()).containsExactly("attacker.example");
        });
    }
}
