package org.tlsrpt.processor.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.parse.CanonicalJson;
import org.tlsrpt.core.problem.Finding;

/**
 * The rows one batch of reports adds to {@code reports}, {@code policy_results}, {@code failure_details} and
 * {@code raw_reports}, inserted child tables first and {@code reports} last: a report's identity is only visible
 * (and so only skipped by later deliveries) once all of its rows are in.
 */
final class ReportRows {

    private static final JsonFactory JSON = new JsonFactory();

    // The column order of each insert; the row builders below write values in exactly this order.
    private static final List<String> REPORT_COLUMNS = List.of("key", "organization", "report_id",
            "start_datetime", "end_datetime", "day", "contact_info", "channel", "received_at", "origin", "location",
            "dkim", "dkim_domain", "dkim_aligned", "finding_codes", "findings", "envelope_report_domain",
            "envelope_submitter", "envelope_message_id", "envelope_from", "envelope_file_name", "policy_domains",
            "raw_sha256", "kafka_partition", "kafka_offset");
    private static final List<String> POLICY_COLUMNS = List.of("key", "policy_index", "day", "organization",
            "policy_type", "policy_domain", "policy_string", "mx_host", "successful", "failed", "detail_failed");
    private static final List<String> DETAIL_COLUMNS = List.of("key", "policy_index", "detail_index", "day",
            "policy_domain", "policy_type", "organization", "result_type", "sending_mta_ip",
            "receiving_mx_hostname", "receiving_mx_helo", "receiving_ip", "failed_sessions",
            "additional_information", "failure_reason_code");
    private static final List<String> RAW_COLUMNS = List.of("sha256", "bytes", "media_type", "received_at");

    /** A report to store, with its raw bytes and where it was read from. */
    record Item(ReportRecord record, byte[] raw, int partition, long offset) {
    }

    private final List<Item> items = new ArrayList<>();
    private int policyCount;
    private int detailCount;

    void add(Item item) {
        items.add(item);
        for (PolicyResult policy : item.record().report().policies()) {
            policyCount++;
            detailCount += policy.failureDetails().size();
        }
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int reports() {
        return items.size();
    }

    int rows() {
        return items.size() * 2 + policyCount + detailCount;
    }

    int failureDetails() {
        return detailCount;
    }

    void insert(BulkInsert database, String token) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        insertDependents(database, token);
        database.insert("reports", REPORT_COLUMNS, token, reportRows());
    }

    /** Everything but {@code reports}; separate so a test can stop a batch exactly where a crash could. */
    void insertDependents(BulkInsert database, String token) throws SQLException {
        database.insert("failure_details", DETAIL_COLUMNS, token, detailRows());
        database.insert("policy_results", POLICY_COLUMNS, token, policyRows());
        database.insert("raw_reports", RAW_COLUMNS, token, rawRows());
    }

    private RowBinary reportRows() {
        RowBinary rows = new RowBinary(items.size() * 512);
        for (Item item : items) {
            ReportRecord record = item.record();
            TlsReport report = record.report();
            Receipt receipt = record.receipt();
            Envelope envelope = receipt.envelope();
            rows.fixedAscii(record.key(), 32);
            rows.string(report.organizationName());
            rows.string(report.reportId());
            rows.dateTime(report.dateRange().start());
            rows.dateTime(report.dateRange().end());
            rows.date(report.dateRange().day());
            rows.nullableString(report.contactInfo());
            rows.string(receipt.channel());
            rows.dateTime64Millis(receipt.receivedAt());
            rows.nullableString(receipt.origin());
            rows.string(receipt.location());
            rows.string(receipt.dkim());
            rows.nullableString(receipt.dkimDomain());
            rows.bool(receipt.dkimAligned());
            rows.strings(findingCodes(record.findings()));
            rows.string(findingsJson(record.findings()));
            rows.nullableString(envelope.policyDomainHint());
            rows.nullableString(envelope.tlsReportSubmitter() != null
                    ? envelope.tlsReportSubmitter() : envelope.subjectSubmitter());
            rows.nullableString(envelope.messageId());
            rows.nullableString(envelope.from());
            rows.nullableString(envelope.fileName());
            rows.strings(policyDomains(report));
            rows.fixedAscii(receipt.rawSha256(), 64);
            rows.uint32(item.partition());
            rows.uint64(item.offset());
            rows.endRow();
        }
        return rows;
    }

    private RowBinary policyRows() {
        RowBinary rows = new RowBinary(policyCount * 128);
        for (Item item : items) {
            TlsReport report = item.record().report();
            List<PolicyResult> policies = report.policies();
            for (int p = 0; p < policies.size(); p++) {
                PolicyResult result = policies.get(p);
                rows.fixedAscii(item.record().key(), 32);
                rows.uint16(p);
                rows.date(report.dateRange().day());
                rows.string(report.organizationName());
                rows.string(result.policy().policyTypeName());
                rows.string(orEmpty(result.policy().policyDomain()));
                rows.strings(result.policy().policyString());
                rows.strings(result.policy().mxHost());
                rows.uint64(result.summary().totalSuccessfulSessionCount());
                rows.uint64(result.summary().totalFailureSessionCount());
                rows.uint64(result.failureDetailSessionCount());
                rows.endRow();
            }
        }
        return rows;
    }

    private RowBinary detailRows() {
        RowBinary rows = new RowBinary(detailCount * 160);
        for (Item item : items) {
            TlsReport report = item.record().report();
            List<PolicyResult> policies = report.policies();
            for (int p = 0; p < policies.size(); p++) {
                PolicyResult result = policies.get(p);
                List<FailureDetail> details = result.failureDetails();
                for (int d = 0; d < details.size(); d++) {
                    FailureDetail detail = details.get(d);
                    rows.fixedAscii(item.record().key(), 32);
                    rows.uint16(p);
                    rows.uint32(d);
                    rows.date(report.dateRange().day());
                    rows.string(orEmpty(result.policy().policyDomain()));
                    rows.string(result.policy().policyTypeName());
                    rows.string(report.organizationName());
                    rows.string(detail.resultTypeName());
                    rows.string(orEmpty(detail.sendingMtaIp()));
                    rows.string(orEmpty(detail.receivingMxHostname()));
                    rows.string(orEmpty(detail.receivingMxHelo()));
                    rows.string(orEmpty(detail.receivingIp()));
                    rows.uint64(detail.failedSessionCount());
                    rows.string(orEmpty(detail.additionalInformation()));
                    rows.string(orEmpty(detail.failureReasonCode()));
                    rows.endRow();
                }
            }
        }
        return rows;
    }

    private RowBinary rawRows() {
        RowBinary rows = new RowBinary(items.size() * 1024);
        Set<String> seen = new HashSet<>();
        for (Item item : items) {
            Receipt receipt = item.record().receipt();
            if (seen.add(receipt.rawSha256())) { // several reports of one mail share its bytes
                rows.fixedAscii(receipt.rawSha256(), 64);
                rows.bytes(item.raw());
                rows.string(orEmpty(receipt.rawMediaType()));
                rows.dateTime64Millis(receipt.receivedAt());
                rows.endRow();
            }
        }
        return rows;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<String> policyDomains(TlsReport report) {
        Set<String> domains = new LinkedHashSet<>();
        for (PolicyResult policy : report.policies()) {
            if (policy.policy().policyDomain() != null) {
                domains.add(policy.policy().policyDomain());
            }
        }
        return List.copyOf(domains);
    }

    private static List<String> findingCodes(List<Finding> findings) {
        Set<String> codes = new LinkedHashSet<>();
        for (Finding finding : findings) {
            codes.add(finding.code().code());
        }
        return List.copyOf(codes);
    }

    static String findingsJson(List<Finding> findings) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            CanonicalJson.writeFindings(findings, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return text.toString();
    }
}
