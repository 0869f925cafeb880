package org.tlsrpt.processor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;

/**
 * Report records as the ingest side publishes them, built from JSON text, and a generator of varied reports that
 * tallies what every aggregate must contain from its own parameters (not from anything the processor computes).
 */
public final class TestReports {

    private static final ReportReader READER = new ReportReader(Limits.DEFAULTS);
    private static final String[] ORGS = {"Google Inc.", "Microsoft Corporation", "Yahoo", "mail.ru"};
    private static final String[] RESULTS = {"certificate-expired", "starttls-not-supported", "validation-failure",
        "sts-policy-fetch-error", "tlsa-invalid"};

    private TestReports() {
    }

    /** A report read from JSON, as published on {@code tlsrpt.reports} through {@code channel}. */
    public static ReportRecord record(String json, String channel) {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        ReadReport read = READER.read(raw, "application/tlsrpt+json", null).reports().get(0);
        Receipt receipt = new Receipt(channel, Instant.parse("2026-11-28T10:00:00.123Z"), "192.0.2.1",
                Map.of("test", channel), read.location(), Sha256.hex(raw), "application/tlsrpt+json",
                read.envelope() == null ? Envelope.NONE : read.envelope(), Receipt.DKIM_NOT_CHECKED, null, false);
        return new ReportRecord(read.key().value(), read.report(), read.findings(), receipt);
    }

    public static byte[] value(String json, String channel) {
        return RecordCodec.encode(record(json, channel), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Expected contents of the aggregates, keyed by their full ORDER BY key joined with '|'. */
    public static final class Tally {
        public final Map<String, List<Long>> dailyPolicy = new TreeMap<>();
        public final Map<String, List<Long>> dailyFailures = new TreeMap<>();
        public long reports;
        public long policies;
        public long details;

        void policy(String domain, LocalDate day, String type, String org, long ok, long failed) {
            add(dailyPolicy, String.join("|", domain, day.toString(), type, org), 1, ok, failed);
            policies++;
        }

        void detail(String domain, LocalDate day, String type, String result, String mx, String ip, long failed) {
            add(dailyFailures, String.join("|", domain, day.toString(), type, result, mx, ip), 1, failed);
            details++;
        }

        private static void add(Map<String, List<Long>> map, String key, long... values) {
            List<Long> sums = map.computeIfAbsent(key, k -> {
                List<Long> zeros = new ArrayList<>();
                for (int i = 0; i < values.length; i++) {
                    zeros.add(0L);
                }
                return zeros;
            });
            for (int i = 0; i < values.length; i++) {
                sums.set(i, sums.get(i) + values[i]);
            }
        }
    }

    /**
     * Report number {@code n} of a deterministic mix: most clean, some with failure details, a Microsoft-like
     * quarter reporting the same sessions under sts and tlsa. Adds what it contains to {@code tally}.
     */
    public static String generate(int n, Tally tally) {
        SplittableRandom random = new SplittableRandom(n * 7919L + 17);
        String org = ORGS[n % ORGS.length];
        String domain = "d" + random.nextInt(25) + ".example";
        LocalDate day = LocalDate.of(2026, 10, 1).plusDays(random.nextInt(40));
        long ok = random.nextInt(5000);
        long failedTotal = 0;
        int detailCount = random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(4);
        StringBuilder details = new StringBuilder();
        List<String[]> detailRows = new ArrayList<>();
        for (int d = 0; d < detailCount; d++) {
            String result = RESULTS[random.nextInt(RESULTS.length)];
            String mx = "mx" + random.nextInt(3) + "." + domain;
            String ip = "198.51.100." + random.nextInt(20);
            long failed = 1 + random.nextInt(50);
            failedTotal += failed;
            detailRows.add(new String[] {result, mx, ip, Long.toString(failed)});
            details.append(d == 0 ? "" : ",").append("{\"result-type\":\"").append(result)
                    .append("\",\"sending-mta-ip\":\"").append(ip).append("\",\"receiving-mx-hostname\":\"")
                    .append(mx).append("\",\"failed-session-count\":").append(failed).append('}');
        }
        boolean both = org.startsWith("Microsoft");
        StringBuilder policies = new StringBuilder();
        for (String type : both ? new String[] {"sts", "tlsa"} : new String[] {"sts"}) {
            policies.append(policies.isEmpty() ? "" : ",").append("{\"policy\":{\"policy-type\":\"").append(type)
                    .append("\",\"policy-string\":[\"version: STSv1\",\"mode: enforce\"],\"policy-domain\":\"")
                    .append(domain).append("\",\"mx-host\":[\"mx0.").append(domain).append("\"]},")
                    .append("\"summary\":{\"total-successful-session-count\":").append(ok)
                    .append(",\"total-failure-session-count\":").append(failedTotal).append('}')
                    .append(detailCount == 0 ? "" : ",\"failure-details\":[" + details + "]").append('}');
            tally.policy(domain, day, type, org, ok, failedTotal);
            for (String[] row : detailRows) {
                tally.detail(domain, day, type, row[0], row[1], row[2], Long.parseLong(row[3]));
            }
        }
        tally.reports++;
        return "{\"organization-name\":\"" + org + "\",\"date-range\":{\"start-datetime\":\"" + day
                + "T00:00:00Z\",\"end-datetime\":\"" + day + "T23:59:59Z\"},\"contact-info\":\"tls@example.org\","
                + "\"report-id\":\"load-" + n + "\",\"policies\":[" + policies + "]}";
    }

    /**
     * A Google-shaped report for victim.example with one failure detail: its report-id is the date and the domain,
     * which anybody can guess, so a forger can post one under the identity Google's real mail will have.
     */
    public static String google(LocalDate day, long successful, long failed, String resultType) {
        return "{\"organization-name\":\"Google LLC\",\"date-range\":{\"start-datetime\":\"" + day
                + "T00:00:00Z\",\"end-datetime\":\"" + day + "T23:59:59Z\"},"
                + "\"contact-info\":\"smtp-tls-reporting@google.com\",\"report-id\":\"" + day
                + "T00:00:00Z_victim.example\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\","
                + "\"policy-string\":[\"version: STSv1\",\"mode: enforce\"],"
                + "\"policy-domain\":\"victim.example\",\"mx-host\":[\"mx.victim.example\"]},"
                + "\"summary\":{\"total-successful-session-count\":" + successful
                + ",\"total-failure-session-count\":" + failed + "},\"failure-details\":[{\"result-type\":\""
                + resultType + "\",\"sending-mta-ip\":\"192.0.2.7\","
                + "\"receiving-mx-hostname\":\"mx.victim.example\",\"failed-session-count\":" + failed + "}]}]}";
    }
}
