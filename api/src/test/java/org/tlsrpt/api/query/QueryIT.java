package org.tlsrpt.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.ApiFixtures;
import org.tlsrpt.api.ExpectedAnswers;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/** Every query against the real ClickHouse engine, fed by the processor's writer, checked against loops. */
class QueryIT {

    static TestClickHouse clickhouse;
    static ClickHouseConnector connector;
    static ApiFixtures fixtures;
    static ExpectedAnswers expected;
    static LocalDate from;
    static LocalDate to;
    static Period period;

    @BeforeAll
    static void writeFixtures() throws Exception {
        clickhouse = new TestClickHouse();
        connector = clickhouse.freshDatabase("query_it");
        fixtures = new ApiFixtures(LocalDate.now(ZoneOffset.UTC).minusDays(20));
        fixtures.write(connector);
        expected = new ExpectedAnswers(fixtures);
        from = fixtures.base();
        to = fixtures.last();
        period = new Period(from, to);
    }

    @AfterAll
    static void stop() {
        clickhouse.close();
    }

    @Test
    void theWriterStoredEachReportOnceDespiteDuplicateDeliveries() throws Exception {
        assertThat(clickhouse.number("SELECT count() FROM query_it.reports")).isEqualTo(fixtures.reports().size());
        assertThat(clickhouse.number("SELECT count() FROM query_it.quarantine")).isEqualTo(1);
    }

    @Test
    void domainTotalsEqualIndependentSumsAndNeverAddStsToTlsa() {
        List<DomainTotals> domains = new DomainListQuery(connector).domains(Scope.all(), period);

        assertThat(domains).extracting(DomainTotals::domain).containsExactly(ApiFixtures.A, ApiFixtures.B);
        for (DomainTotals totals : domains) {
            long[] sums = expected.domainTotals(totals.domain(), from, to);
            assertThat(totals.successfulSessions()).isEqualTo(sums[0]);
            assertThat(totals.failedSessions()).isEqualTo(sums[1]);
            assertThat(totals.reporters()).isEqualTo(sums[2]);
            assertThat(totals.failureRate()).isCloseTo((double) sums[1] / (sums[0] + sums[1]), within(1e-12));
            assertThat(totals.lastReportAt()).isNotNull();
        }
        // Microsoft's 3 × 500 sessions appear once, not once per policy type
        long stsAndTlsaAdded = expected.byPolicyType(ApiFixtures.A, from, to).values().stream()
                .mapToLong(s -> s[0]).sum();
        assertThat(domains.get(0).successfulSessions()).isEqualTo(stsAndTlsaAdded - 3 * 500);
    }

    @Test
    void aScopedCallerListsOnlyItsDomains() {
        assertThat(new DomainListQuery(connector).domains(Scope.of(List.of(ApiFixtures.B)), period))
                .extracting(DomainTotals::domain).containsExactly(ApiFixtures.B);
        assertThat(new DomainListQuery(connector).domains(Scope.of(List.of("c.example")), period)).isEmpty();
    }

    @Test
    void summaryPerPolicyTypeAndDayEqualsIndependentSums() {
        DomainSummary summary = new DomainSummaryQuery(connector).summary(ApiFixtures.A, period);

        Map<String, long[]> types = new TreeMap<>();
        summary.policyTypes().forEach(t -> types.put(t.policyType(),
                new long[] {t.successfulSessions(), t.failedSessions()}));
        assertThat(types).usingRecursiveComparison().isEqualTo(expected.byPolicyType(ApiFixtures.A, from, to));
        assertThat(types).containsOnlyKeys("sts", "tlsa");

        Map<String, long[]> days = new TreeMap<>();
        summary.days().forEach(d -> days.put(d.date() + "|" + d.policyType(),
                new long[] {d.successfulSessions(), d.failedSessions()}));
        assertThat(days).usingRecursiveComparison()
                .isEqualTo(expected.byDayAndPolicyType(ApiFixtures.A, from, to));
        assertThat(summary.from()).isEqualTo(from);
        assertThat(summary.to()).isEqualTo(to);
    }

    @Test
    void failureBreakdownsByEveryKeyAndByCombinationsEqualIndependentSums() {
        FailureBreakdownQuery query = new FailureBreakdownQuery(connector);
        List<List<String>> groupings = new ArrayList<>();
        for (FailureKey key : FailureKey.values()) {
            groupings.add(List.of(key.requestName()));
        }
        groupings.add(List.of("result-type", "sending-mta-ip", "receiving-mx-hostname"));
        groupings.add(List.of("organization", "failure-reason-code", "receiving-ip"));
        for (String domain : List.of(ApiFixtures.A, ApiFixtures.B)) {
            for (List<String> by : groupings) {
                List<FailureKey> keys = FailureKey.parse(by);
                Map<String, Long> actual = new TreeMap<>();
                for (FailureRow row : query.breakdown(domain, period, keys, 1000)) {
                    List<String> key = new ArrayList<>();
                    key.add(row.policyType());
                    key.addAll(row.keys().values());
                    actual.put(String.join("|", key), row.failedSessions());
                }
                assertThat(actual).as(domain + " by " + by).isEqualTo(expected.failures(domain, from, to, by));
            }
        }
    }

    /**
     * Month buckets come from the same daily aggregate as the days, so each month must equal the sum of its days; the
     * fixtures of this test straddle the first of a month so that two months are compared, over a ten-year range.
     */
    @Test
    void monthsOverTenYearsEqualTheSumOfTheirDays() throws Exception {
        ClickHouseConnector straddling = clickhouse.freshDatabase("query_it_months");
        ApiFixtures spanning = new ApiFixtures(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1)
                .minusDays(2));
        spanning.write(straddling);
        Period days = new Period(spanning.base(), spanning.last());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Period tenYears = new Period(today.minusDays(Granularity.MAX_MONTH_RANGE_DAYS - 1), today);
        DomainSummaryQuery summaries = new DomainSummaryQuery(straddling);

        Map<String, long[]> summedDays = new TreeMap<>();
        for (DomainSummary.DayTotals day : summaries.summary(ApiFixtures.A, days).days()) {
            summedDays.merge(day.date().withDayOfMonth(1) + "|" + day.policyType(),
                    new long[] {day.successfulSessions(), day.failedSessions()},
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        }
        DomainSummary months = summaries.summary(ApiFixtures.A, tenYears, Granularity.MONTH);
        Map<String, long[]> byMonth = new TreeMap<>();
        months.days().forEach(m -> byMonth.put(m.date() + "|" + m.policyType(),
                new long[] {m.successfulSessions(), m.failedSessions()}));
        assertThat(months.granularity()).isEqualTo("month");
        assertThat(byMonth).hasSize(4).usingRecursiveComparison().isEqualTo(summedDays);
        assertThat(byMonth.keySet()).allMatch(key -> key.substring(8, 11).equals("01|"));

        FailureBreakdownQuery breakdowns = new FailureBreakdownQuery(straddling);
        for (List<String> by : List.of(List.of("result-type"),
                List.of("result-type", "sending-mta-ip", "receiving-mx-hostname"))) {
            List<FailureKey> keys = FailureKey.parse(by);
            Map<String, Long> perDaySummed = new TreeMap<>();
            for (FailureRow row : breakdowns.breakdown(ApiFixtures.A, days, keys, Granularity.DAY, 1000)) {
                perDaySummed.merge(row.bucket().withDayOfMonth(1) + "|" + row.policyType() + "|"
                        + String.join("|", row.keys().values()), row.failedSessions(), Long::sum);
            }
            Map<String, Long> perMonth = new TreeMap<>();
            for (FailureRow row : breakdowns.breakdown(ApiFixtures.A, tenYears, keys, Granularity.MONTH, 1000)) {
                perMonth.put(row.bucket() + "|" + row.policyType() + "|" + String.join("|", row.keys().values()),
                        row.failedSessions());
            }
            assertThat(perMonth).as("by " + by).isNotEmpty().isEqualTo(perDaySummed);
            assertThat(perMonth.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(
                    new ExpectedAnswers(spanning).failures(ApiFixtures.A, spanning.base(), spanning.last(), by)
                            .values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void failureRowsComeLargestFirstAndTheLimitHolds() {
        List<FailureRow> rows = new FailureBreakdownQuery(connector).breakdown(ApiFixtures.A, period,
                FailureKey.parse(List.of("sending-mta-ip")), 2);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).failedSessions()).isGreaterThanOrEqualTo(rows.get(1).failedSessions());
    }

    @Test
    void reportersCountDistinctReportsAndADailyReporterThatStoppedIsSilent() {
        LocalDate today = to.plusDays(1);
        List<Reporter> reporters = new ReporterQuery(connector).reporters(Scope.all(), ApiFixtures.A, period, today);

        Map<String, long[]> actual = new TreeMap<>();
        reporters.forEach(r -> actual.put(r.domain() + "|" + r.organization(),
                new long[] {r.reports(), r.daysWithReports()}));
        assertThat(actual).usingRecursiveComparison()
                .isEqualTo(expected.reporters(Set.of(ApiFixtures.A), from, to));
        Map<String, Reporter> byOrganization = new TreeMap<>();
        reporters.forEach(r -> byOrganization.put(r.organization(), r));
        assertThat(byOrganization.get("Google Inc.").daily()).isTrue();
        assertThat(byOrganization.get("Google Inc.").silentSince()).isNull();
        assertThat(byOrganization.get("Microsoft Corporation").daily()).isTrue();
        assertThat(byOrganization.get("Microsoft Corporation").silentSince()).isEqualTo(from.plusDays(3));
        assertThat(byOrganization.get("Yahoo").daily()).isFalse();
        assertThat(byOrganization.get("Yahoo").silentSince()).isNull();
        assertThat(byOrganization.get("Google Inc.").lastReportAt()).isNotNull();
    }

    @Test
    void reportersOfEveryDomainInScopeAndNoneOutside() {
        List<Reporter> all = new ReporterQuery(connector).reporters(Scope.of(List.of(ApiFixtures.B)), null, period,
                to.plusDays(1));
        Map<String, long[]> actual = new TreeMap<>();
        all.forEach(r -> actual.put(r.domain() + "|" + r.organization(),
                new long[] {r.reports(), r.daysWithReports()}));
        assertThat(actual).usingRecursiveComparison()
                .isEqualTo(expected.reporters(Set.of(ApiFixtures.B), from, to));
    }

    @Test
    void reportListPagesThroughEveryVisibleReportOnce() {
        ReportListQuery query = new ReportListQuery(connector);
        for (Scope scope : List.of(Scope.all(), Scope.of(List.of(ApiFixtures.A)))) {
            List<String> ids = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                ReportPage page = query.list(scope, null, null, period, cursor, 3);
                page.items().forEach(item -> ids.add(item.reportId()));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null && pages < 100);
            Set<String> domains = scope.allDomains() ? Set.of(ApiFixtures.A, ApiFixtures.B) : scope.domains();
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(Set.copyOf(ids)).isEqualTo(expected.reportIds(domains, null, null, from, to));
        }
        assertThat(ids(query.list(Scope.all(), ApiFixtures.B, "Comcast", period, null, 100)))
                .isEqualTo(expected.reportIds(Set.of(ApiFixtures.A, ApiFixtures.B), ApiFixtures.B, "Comcast", from, to));
        assertThat(query.list(Scope.all(), null, "Nobody' OR '1'='1", period, null, 100).items()).isEmpty();
    }

    private static Set<String> ids(ReportPage page) {
        Set<String> ids = new java.util.TreeSet<>();
        page.items().forEach(item -> ids.add(item.reportId()));
        return ids;
    }

    @Test
    void oneReportCarriesItsCanonicalFormAndItsRawBytesAsFirstReceived() {
        ApiFixtures.Report google = fixtures.reports().stream().filter(r -> r.reportId().equals("google-a-2"))
                .findFirst().orElseThrow();
        String key = fixtures.key(google);
        ReportDetail detail = new ReportQuery(connector).find(key, Scope.all()).orElseThrow();

        assertThat(detail.organization()).isEqualTo("Google Inc.");
        assertThat(detail.policyDomains()).containsExactly(ApiFixtures.A);
        assertThat(detail.report()).contains("\"report-id\":\"google-a-2\"").contains("\"policy-domain\":\"a.example\"");
        assertThat(detail.findings()).startsWith("[");
        assertThat(detail.dkim().result()).isEqualTo("not-checked");

        RawReport raw = new ReportQuery(connector).raw(key, Scope.all()).orElseThrow();
        assertThat(new String(raw.bytes(), StandardCharsets.UTF_8)).isEqualTo(google.json());
        assertThat(raw.mediaType()).isEqualTo("application/tlsrpt+json");
        assertThat(new ReportQuery(connector).find("0".repeat(32), Scope.all())).isEmpty();
    }

    @Test
    void rawBytesOfAZipNameTheDomainsOfEveryReportInside() {
        ApiFixtures.Report comcastA = fixtures.reports().stream().filter(r -> r.reportId().equals("comcast-a"))
                .findFirst().orElseThrow();
        RawReport raw = new ReportQuery(connector).raw(fixtures.key(comcastA), Scope.all()).orElseThrow();
        assertThat(raw.sharedDomains()).containsExactlyInAnyOrder(List.of(ApiFixtures.A), List.of(ApiFixtures.B));
        assertThat(raw.bytes()).isEqualTo(fixtures.deliveryOf(comcastA).bytes());
    }

    @Test
    void quarantineListsThePoisonRecordWithItsCoordinates() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        QuarantinePage page = new QuarantineQuery(connector).list(new Period(today.minusDays(1), today.plusDays(1)),
                null, 10);
        assertThat(page.items()).hasSize(1);
        QuarantineItem item = page.items().get(0);
        assertThat(item.reasonCode()).isEqualTo("malformed-record");
        assertThat(item.sourceTopic()).isEqualTo("tlsrpt.reports");
        assertThat(item.size()).isEqualTo("neither a record nor a report".length());
        assertThat(new QuarantineQuery(connector).raw(item.sha256()).orElseThrow().bytes())
                .isEqualTo("neither a record nor a report".getBytes(StandardCharsets.UTF_8));
        assertThat(page.nextCursor()).isNull();
    }
}
