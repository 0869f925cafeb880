package org.tlsrpt.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.query.DomainListQuery;
import org.tlsrpt.api.query.DomainSummaryQuery;
import org.tlsrpt.api.query.FailureBreakdownQuery;
import org.tlsrpt.api.query.FailureKey;
import org.tlsrpt.api.query.Granularity;
import org.tlsrpt.api.query.Period;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * {@code bench/run query [--reports N] [--domains N] [--details-per-report N] [--tenant-domains N] [--runs N]}:
 * generates a year of reports inside the embedded ClickHouse ({@code INSERT ... SELECT FROM numbers()} into the
 * base tables, so the materialized views build the daily aggregates exactly as the processor's inserts do), then
 * times the API's own query classes over 365 days: a domain's summary, its failure breakdown, and the domain list
 * of a tenant. Prints p50/p95 per query, each p95 beside issue 15's target (p95 &lt; 100 ms), and the slowest
 * last. The full size is {@code --reports 10000000} (100 million failure-detail rows); the default is a
 * tenth of it, and a smaller run says so beside each verdict.
 */
final class QueryBench {

    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 11, 29);
    private static final int CHUNK = 1_000_000;
    private static final int SETTLE_LIMIT_SECONDS = 600;

    /** Issue 15: every API query over a year of 10 million reports answers within 100 ms at p95. */
    private static final long TARGET_REPORTS = 10_000_000;
    private static final Target P95 = Target.below(100, "ms");

    private long reports = 1_000_000;
    private int domains = 50_000;
    private int detailsPerReport = 10;
    private int tenantDomains = 20;
    private int runs = 200;
    private String slowest;
    private double slowestP95;

    private QueryBench(String[] args) {
        for (int i = 1; i < args.length; i += 2) {
            long value = Long.parseLong(args[i + 1]);
            switch (args[i]) {
                case "--reports" -> reports = value;
                case "--domains" -> domains = (int) value;
                case "--details-per-report" -> detailsPerReport = (int) value;
                case "--tenant-domains" -> tenantDomains = (int) value;
                case "--runs" -> runs = (int) value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --reports N "
                        + "--domains N --details-per-report N --tenant-domains N --runs N");
            }
        }
    }

    static void main(String[] args) throws Exception {
        new QueryBench(args).run();
    }

    private void run() throws Exception {
        try (TestClickHouse clickhouse = new TestClickHouse()) {
            ClickHouseConnector database = clickhouse.freshDatabase("bench");
            long started = System.nanoTime();
            for (long first = 0; first < reports; first += CHUNK) {
                long count = Math.min(CHUNK, reports - first);
                clickhouse.execute(insertPolicies(first, count));
                clickhouse.execute(insertDetails(first, count));
                clickhouse.execute(insertReports(first, count));
                System.err.printf(Locale.ROOT, "generated %d of %d reports (%.0f s)%n", first + count, reports,
                        seconds(started));
            }
            long detailRows = clickhouse.number("SELECT count() FROM bench.failure_details");
            long bytes = clickhouse.number("SELECT sum(bytes_on_disk) FROM system.parts WHERE database = 'bench' AND active");
            System.out.printf(Locale.ROOT, "query-data: %d reports, %d failure-detail rows, %d domains over 365 days, "
                    + "%.0f MB on disk, generated in %.0f s%n", reports, detailRows, domains, bytes / 1e6, seconds(started));
            settle(clickhouse);

            Period year = new Period(FIRST_DAY, FIRST_DAY.plusDays(364));
            SplittableRandom random = new SplittableRandom(42);
            DomainSummaryQuery summary = new DomainSummaryQuery(database);
            FailureBreakdownQuery breakdown = new FailureBreakdownQuery(database);
            DomainListQuery list = new DomainListQuery(database);
            time("query-round-trip-select-1", n -> {
                try {
                    clickhouse.number("SELECT 1");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, false); // the fixed cost of a round trip, not an API query: no target
            time("query-domain-summary-365d", n -> summary.summary(domain(random.nextInt(domains)), year));
            time("query-failures-by-result-type-365d", n -> breakdown.breakdown(domain(random.nextInt(domains)), year,
                    List.of(FailureKey.RESULT_TYPE), 100));
            time("query-failures-by-sending-ip-and-mx-365d", n -> breakdown.breakdown(domain(random.nextInt(domains)),
                    year, List.of(FailureKey.SENDING_MTA_IP, FailureKey.RECEIVING_MX_HOSTNAME), 100));
            time("query-failures-by-organization-365d", n -> breakdown.breakdown(domain(random.nextInt(domains)), year,
                    List.of(FailureKey.ORGANIZATION), 100));
            // month buckets over ten years (the data covers one of them: the cost is that of the rows read)
            Period tenYears = new Period(FIRST_DAY.plusDays(364).minusDays(Granularity.MAX_MONTH_RANGE_DAYS - 1),
                    FIRST_DAY.plusDays(364));
            time("query-domain-summary-10y-by-month", n -> summary.summary(domain(random.nextInt(domains)), tenYears,
                    Granularity.MONTH));
            time("query-failures-by-result-type-10y-by-month", n -> breakdown.breakdown(
                    domain(random.nextInt(domains)), tenYears, List.of(FailureKey.RESULT_TYPE), Granularity.MONTH,
                    100));
            time("query-tenant-domains-365d", n -> {
                List<String> tenant = new ArrayList<>();
                int start = random.nextInt(domains - tenantDomains);
                for (int d = 0; d < tenantDomains; d++) {
                    tenant.add(domain(start + d));
                }
                list.domains(Scope.of(tenant), year);
            });
            System.out.printf(Locale.ROOT, "query-slowest-p95: %.1f ms (%s) %s%n", slowestP95, slowest,
                    verdict(P95.when("for every query"), slowestP95));
        }
    }

    /**
     * Waits (at most {@link #SETTLE_LIMIT_SECONDS}) for the merges of the generated year to end, so that the queries
     * are timed against a year of stored data, not against its generation: right after it the engine merges the new
     * parts on both cores, and the queries measured that instead (2026-12-06: the domain list 103 ms while merging,
     * 63 ms after, on the same data).
     */
    private static void settle(TestClickHouse clickhouse) throws java.sql.SQLException, InterruptedException {
        long started = System.nanoTime();
        long merges;
        while ((merges = clickhouse.number("SELECT count() FROM system.merges WHERE database = 'bench'")) > 0
                && seconds(started) < SETTLE_LIMIT_SECONDS) {
            Thread.sleep(1_000);
        }
        long parts = clickhouse.number("SELECT count() FROM system.parts WHERE database = 'bench' AND active");
        System.out.printf(Locale.ROOT, "query-settle: %.0f s waiting for merges, %d still running, %d active parts%n",
                seconds(started), merges, parts);
    }

    private void time(String name, IntConsumer query) {
        time(name, query, true);
    }

    /** Runs {@code query} {@code runs} times after a warm-up; {@code target}: whether issue 15's p95 applies. */
    private void time(String name, IntConsumer query, boolean target) {
        for (int n = 0; n < Math.min(20, runs); n++) {
            query.accept(n); // warm-up: JIT, connection pool, marks cache
        }
        long[] nanos = new long[runs];
        for (int n = 0; n < runs; n++) {
            long start = System.nanoTime();
            query.accept(n);
            nanos[n] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double p95 = nanos[(int) (runs * 0.95)] / 1e6;
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d runs)%s%n", name,
                nanos[runs / 2] / 1e6, p95, nanos[runs - 1] / 1e6, runs, target ? " " + verdict(P95, p95) : "");
        if (target && (slowest == null || p95 > slowestP95)) {
            slowest = name;
            slowestP95 = p95;
        }
    }

    /** The target is for 10 million reports: a smaller run cannot meet it, only miss it. */
    private String verdict(Target target, double p95) {
        if (reports >= TARGET_REPORTS) {
            return target.beside(p95);
        }
        return target.verdict(target.met(p95) ? "not shown with " + reports + " reports, the target's size is "
                + TARGET_REPORTS : "not met, not even with " + reports + " reports");
    }

    private static String domain(int n) {
        return "d" + n + ".example";
    }

    // Report n: domain n % domains, a day of the year, one of eight organisations; a quarter of them
    // Microsoft-like with an sts and a tlsa policy of the same sessions. The key is the report number in hex.
    private String reportColumns() {
        return String.format(Locale.ROOT, """
                leftPad(lower(hex(number)), 32, '0') AS k,
                toDate('%s') + (cityHash64(number, 1) %% 365) AS d,
                concat('d', toString(number %% %d), '.example') AS dom,
                ['Google', 'Microsoft', 'Yahoo', 'Comcast', 'mail.ru', 'GMX', 'Orange', 'Zoho'][number %% 8 + 1] AS org
                """, FIRST_DAY, domains);
    }

    private String insertPolicies(long first, long count) {
        return "INSERT INTO bench.policy_results (key, policy_index, day, organization, policy_type, policy_domain, "
                + "policy_string, mx_host, successful, failed, detail_failed) SELECT k, p, d, org, "
                + "if(p = 0, 'sts', 'tlsa'), dom, ['version: STSv1', 'mode: enforce'], [concat('mx.', dom)], "
                + "cityHash64(number, 2) % 5000, cityHash64(number, 3) % 50, 0 FROM (SELECT number, " + reportColumns()
                + " FROM numbers(" + first + ", " + count + ")) ARRAY JOIN if(number % 8 = 1, [0, 1], [0]) AS p";
    }

    private String insertDetails(long first, long count) {
        return "INSERT INTO bench.failure_details (key, policy_index, detail_index, day, policy_domain, policy_type, "
                + "organization, result_type, sending_mta_ip, receiving_mx_hostname, receiving_mx_helo, receiving_ip, "
                + "failed_sessions, additional_information, failure_reason_code) SELECT k, 0, i, d, dom, 'sts', org, "
                + "['certificate-expired', 'starttls-not-supported', 'validation-failure', 'certificate-host-mismatch', "
                + "'sts-policy-fetch-error'][cityHash64(number, i) % 5 + 1], "
                + "IPv4NumToString(toUInt32(3325256704 + cityHash64(number, i, 4) % 65536)), concat('mx', toString(i % 3), '.', dom), "
                + "'', '', 1 + cityHash64(number, i, 5) % 20, '', '' FROM (SELECT number, " + reportColumns()
                + " FROM numbers(" + first + ", " + count + ")) ARRAY JOIN range(" + detailsPerReport + ") AS i";
    }

    private String insertReports(long first, long count) {
        return "INSERT INTO bench.reports (key, organization, report_id, start_datetime, end_datetime, day, channel, "
                + "received_at, location, dkim, policy_domains, raw_sha256) SELECT k, org, toString(number), "
                + "toDateTime(d), toDateTime(d) + 86399, d, 'https', toDateTime64(d + 1, 3), '', 'none', [dom], "
                + "leftPad('', 64, '0') FROM (SELECT number, " + reportColumns() + " FROM numbers(" + first + ", "
                + count + "))";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
