package org.tlsrpt.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.processor.write.ReportWriter;

/**
 * Fixture reports for the query API's tests, written the way the processor writes them (records through the real
 * {@link ReportWriter}): two domains, a daily reporter that keeps reporting, a Microsoft-like reporter with sts and
 * tlsa policies over the same sessions that stops after three days, a sender whose failure details are truncated,
 * a report delivered three times (twice in one batch, again as gzip in a later batch), one zip carrying reports for
 * both domains, and one undecodable record that ends in quarantine. Tests compute what every endpoint must answer
 * from {@link #reports()} (distinct reports), never from what ClickHouse holds.
 */
public final class ApiFixtures {

    public static final String A = "a.example";
    public static final String B = "b.example";

    public record Detail(String resultType, String sendingMtaIp, String receivingMxHostname, String receivingIp,
            String failureReasonCode, long failed) {
    }

    public record Policy(String type, String domain, long successful, long failed, List<Detail> details) {
    }

    public record Report(String organization, String reportId, LocalDate day, List<Policy> policies) {

        public String json() {
            StringBuilder policies = new StringBuilder();
            for (Policy policy : this.policies) {
                StringBuilder details = new StringBuilder();
                for (Detail d : policy.details()) {
                    details.append(details.isEmpty() ? "" : ",").append("{\"result-type\":\"").append(d.resultType())
                            .append("\",\"sending-mta-ip\":\"").append(d.sendingMtaIp())
                            .append("\",\"receiving-mx-hostname\":\"").append(d.receivingMxHostname())
                            .append("\",\"receiving-ip\":\"").append(d.receivingIp())
                            .append("\",\"failure-reason-code\":\"").append(escaped(d.failureReasonCode()))
                            .append("\",\"failed-session-count\":").append(d.failed()).append('}');
                }
                policies.append(policies.isEmpty() ? "" : ",").append("{\"policy\":{\"policy-type\":\"")
                        .append(policy.type()).append("\",\"policy-string\":[\"version: STSv1\",\"mode: enforce\"],")
                        .append("\"policy-domain\":\"").append(policy.domain()).append("\",\"mx-host\":[\"mx1.")
                        .append(policy.domain()).append("\"]},\"summary\":{\"total-successful-session-count\":")
                        .append(policy.successful()).append(",\"total-failure-session-count\":")
                        .append(policy.failed()).append('}')
                        .append(details.isEmpty() ? "" : ",\"failure-details\":[" + details + "]").append('}');
            }
            return "{\"organization-name\":\"" + organization + "\",\"date-range\":{\"start-datetime\":\"" + day
                    + "T00:00:00Z\",\"end-datetime\":\"" + day + "T23:59:59Z\"},\"contact-info\":\"tls@"
                    + organization.toLowerCase().replaceAll("[^a-z]", "") + ".example\",\"report-id\":\"" + reportId
                    + "\",\"policies\":[" + policies + "]}";
        }

        private static String escaped(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        public List<String> domains() {
            return policies.stream().map(Policy::domain).distinct().toList();
        }
    }

    /** Bytes as they arrived, with their media type; one delivery may carry several reports. */
    public record Delivery(byte[] bytes, String mediaType, List<Report> reports) {
    }

    private final LocalDate base;
    private final List<Report> reports = new ArrayList<>();
    private final List<Delivery> firstBatch = new ArrayList<>();
    private final List<Delivery> secondBatch = new ArrayList<>();
    private final Map<Report, String> keys = new LinkedHashMap<>();

    /** Fixtures on the days from {@code base} to {@code base + 4}. */
    public ApiFixtures(LocalDate base) {
        this.base = base;
        for (int i = 0; i < 5; i++) {
            List<Detail> details = new ArrayList<>();
            details.add(new Detail("certificate-expired", "203.0.113.1", "mx1.a.example", "192.0.2.10",
                    "X509_V_ERR_CERT_HAS_EXPIRED", 3 + i));
            if (i == 1) {
                details.add(new Detail("starttls-not-supported", "203.0.113.2", "mx2.a.example", "192.0.2.11",
                        "", 2));
            }
            long failed = details.stream().mapToLong(Detail::failed).sum();
            Report google = new Report("Google Inc.", "google-a-" + i, base.plusDays(i),
                    List.of(new Policy("sts", A, 1000 + i, failed, details)));
            add(google, i == 2 ? 3 : 1);
        }
        for (int i = 0; i < 3; i++) {
            List<Detail> details = List.of(new Detail("validation-failure", "40.92.0." + i, "mx1.a.example",
                    "192.0.2.10", "O'Brien\"; DROP TABLE reports; --", 4));
            add(new Report("Microsoft Corporation", "ms-a-" + i, base.plusDays(i),
                    List.of(new Policy("sts", A, 500, 4, details), new Policy("tlsa", A, 500, 4, details))), 1);
        }
        add(new Report("Yahoo", "yahoo-a-1", base.plusDays(1), List.of(new Policy("sts", A, 80, 10,
                List.of(new Detail("certificate-host-mismatch", "98.136.0.1", "mx1.a.example", "192.0.2.10",
                        "", 4))))), 1);
        for (int i = 0; i < 2; i++) {
            add(new Report("Google Inc.", "google-b-" + i, base.plusDays(i), List.of(new Policy("sts", B, 7000, 9,
                    List.of(new Detail("certificate-host-mismatch", "198.51.100.9", "mx1.b.example", "192.0.2.99",
                            "", 9))))), 1);
        }
        Report comcastA = new Report("Comcast", "comcast-a", base.plusDays(3),
                List.of(new Policy("sts", A, 60, 0, List.of())));
        Report comcastB = new Report("Comcast", "comcast-b", base.plusDays(3),
                List.of(new Policy("sts", B, 70, 1, List.of(new Detail("sts-webpki-invalid", "96.114.0.1",
                        "mx1.b.example", "192.0.2.99", "", 1)))));
        reports.add(comcastA);
        reports.add(comcastB);
        firstBatch.add(new Delivery(zip(comcastA, comcastB), "application/zip", List.of(comcastA, comcastB)));
    }

    /** Adds a distinct report delivered {@code times} times: once, again in the same batch, then as gzip later. */
    private void add(Report report, int times) {
        reports.add(report);
        byte[] json = report.json().getBytes(StandardCharsets.UTF_8);
        firstBatch.add(new Delivery(json, "application/tlsrpt+json", List.of(report)));
        if (times >= 2) {
            firstBatch.add(new Delivery(json, "application/tlsrpt+json", List.of(report)));
        }
        if (times >= 3) {
            secondBatch.add(new Delivery(gzip(json), "application/tlsrpt+gzip", List.of(report)));
        }
    }

    public LocalDate base() {
        return base;
    }

    public LocalDate last() {
        return base.plusDays(4);
    }

    /** Every distinct report (duplicates delivered are not repeated here). */
    public List<Report> reports() {
        return List.copyOf(reports);
    }

    /** The identity key of a fixture report, as the ingest computed it. */
    public String key(Report report) {
        return keys.get(report);
    }

    public Delivery deliveryOf(Report report) {
        for (Delivery delivery : firstBatch) {
            if (delivery.reports().contains(report)) {
                return delivery;
            }
        }
        throw new IllegalArgumentException("not a fixture report: " + report);
    }

    /** Writes every delivery through the processor's writer, in two batches of partition 0, plus one poison record. */
    public void write(ClickHouseConnector connector) throws Exception {
        ReportWriter writer = new ReportWriter(connector);
        long[] offset = {0};
        writer.write(new Batch("tlsrpt.reports", records(firstBatch, offset, true)));
        writer.write(new Batch("tlsrpt.reports", records(secondBatch, offset, false)));
    }

    private List<ConsumerRecord<String, byte[]>> records(List<Delivery> deliveries, long[] offset, boolean poison) {
        ReportReader reader = new ReportReader(Limits.DEFAULTS);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            List<ReadReport> read = reader.read(delivery.bytes(), delivery.mediaType(), null).reports();
            if (read.size() != delivery.reports().size()) {
                throw new IllegalStateException("fixture did not read back: " + read.size() + " reports");
            }
            for (int i = 0; i < read.size(); i++) {
                ReadReport one = read.get(i);
                Report report = delivery.reports().stream()
                        .filter(r -> r.reportId().equals(one.report().reportId())).findFirst().orElseThrow();
                keys.put(report, one.key().value());
                Instant receivedAt = report.day().plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC)
                        .plusSeconds(offset[0]);
                Receipt receipt = new Receipt("http", receivedAt, "192.0.2.1", Map.of("path", "/v1/reports"),
                        one.location(), Sha256.hex(delivery.bytes()), delivery.mediaType(), Envelope.NONE,
                        Receipt.DKIM_NOT_CHECKED, null, false);
                ReportRecord record = new ReportRecord(one.key().value(), one.report(), one.findings(), receipt);
                records.add(new ConsumerRecord<>("tlsrpt.reports", 0, offset[0]++, one.key().value(),
                        RecordCodec.encode(record, delivery.bytes())));
            }
        }
        if (poison) {
            // a timestamp of now: the writer takes it as the quarantine row's received_at, which the TTL keys on
            byte[] value = "neither a record nor a report".getBytes(StandardCharsets.UTF_8);
            records.add(new ConsumerRecord<>("tlsrpt.reports", 0, offset[0]++, System.currentTimeMillis(),
                    TimestampType.CREATE_TIME, 9, value.length, "not-a-key", value, new RecordHeaders(),
                    Optional.empty()));
        }
        return records;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(Report... reports) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Report report : reports) {
                zip.putNextEntry(new ZipEntry(report.reportId() + ".json"));
                zip.write(report.json().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
