package org.tlsrpt.api.alert;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.processor.write.ReportWriter;

/**
 * TLS reports written through the processor's own {@link ReportWriter}, so the alert queries read the aggregates
 * exactly as production fills them.
 */
final class Fixtures {

    /** One failure detail: a result type and its failed sessions. */
    record Detail(String resultType, long failed) {
    }

    private final List<String> reports = new ArrayList<>();
    private int next;
    private long offset;

    /**
     * Continues at {@code first} on the partition: a further Fixtures written to the same database must, or its
     * batch repeats an earlier one's offsets and ClickHouse drops the insert as a replay of it.
     */
    Fixtures atOffset(long first) {
        offset = first;
        return this;
    }

    /** A report of {@code organization} for {@code domain}'s sts policy on {@code day}. */
    Fixtures report(String organization, String domain, LocalDate day, long successful, Detail... details) {
        long failed = 0;
        StringBuilder detailJson = new StringBuilder();
        for (Detail detail : details) {
            failed += detail.failed();
            detailJson.append(detailJson.isEmpty() ? "" : ",").append("{\"result-type\":\"")
                    .append(detail.resultType()).append("\",\"sending-mta-ip\":\"198.51.100.7\",")
                    .append("\"receiving-mx-hostname\":\"mx1.").append(domain).append("\",\"failed-session-count\":")
                    .append(detail.failed()).append('}');
        }
        reports.add("{\"organization-name\":\"" + organization + "\",\"date-range\":{\"start-datetime\":\"" + day
                + "T00:00:00Z\",\"end-datetime\":\"" + day + "T23:59:59Z\"},\"contact-info\":\"tls@example.org\","
                + "\"report-id\":\"alert-fixture-" + (next++) + "\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\","
                + "\"policy-string\":[\"version: STSv1\",\"mode: enforce\"],\"policy-domain\":\"" + domain + "\","
                + "\"mx-host\":[\"mx1." + domain + "\"]},\"summary\":{\"total-successful-session-count\":" + successful
                + ",\"total-failure-session-count\":" + failed + "}"
                + (details.length == 0 ? "" : ",\"failure-details\":[" + detailJson + "]") + "}]}");
        return this;
    }

    /** Writes the reports added since the last call as one batch, as posted over HTTPS (unauthenticated). */
    void writeTo(ClickHouseConnector database) throws Exception {
        write(database, false);
    }

    /**
     * Writes them as mail whose DKIM signature passed aligned with its submitter: such a copy displaces an earlier
     * unauthenticated one of the same identity (the same organisation, report-id and date range; report-ids are
     * numbered per Fixtures from 0), whose rows are then retracted.
     */
    void writeSignedTo(ClickHouseConnector database) throws Exception {
        write(database, true);
    }

    private void write(ClickHouseConnector database, boolean signed) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String json : reports) {
            ReportRecord posted = TestReports.record(json, "http");
            Receipt receipt = posted.receipt();
            ReportRecord record = !signed ? posted : new ReportRecord(posted.key(), posted.report(), posted.findings(),
                    new Receipt("smtp", receipt.receivedAt(), receipt.origin(), receipt.coordinates(),
                            receipt.location(), receipt.rawSha256(), receipt.rawMediaType(), receipt.envelope(), "pass",
                            "example.org", true));
            records.add(new ConsumerRecord<>("tlsrpt.reports", 0, offset++, record.key(),
                    RecordCodec.encode(record, json.getBytes(StandardCharsets.UTF_8))));
        }
        reports.clear();
        new ReportWriter(database).write(new Batch("tlsrpt.reports", records));
    }
}
