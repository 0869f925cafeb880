package org.tlsrpt.api.alert;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.PartitionBatch;
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

    /** Writes the reports added since the last call as one batch. */
    void writeTo(ClickHouseConnector database) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String json : reports) {
            records.add(new ConsumerRecord<>("tlsrpt.reports", 0, offset++, TestReports.record(json, "http").key(),
                    TestReports.value(json, "http")));
        }
        reports.clear();
        new ReportWriter(database).write(new PartitionBatch("tlsrpt.reports", 0, records));
    }
}
