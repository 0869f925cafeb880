package org.tlsrpt.processor.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tlsrpt.core.decode.Envelope;
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

    private static final String REPORT_COLUMNS = "key, organization, report_id, start_datetime, end_datetime, day, "
            + "contact_info, channel, received_at, origin, location, dkim, dkim_domain, dkim_aligned, finding_codes, "
            + "findings, envelope_report_domain, envelope_submitter, envelope_message_id, envelope_from, "
            + "envelope_file_name, policy_domains, raw_sha256, kafka_partition, kafka_offset";
    private static final String POLICY_COLUMNS = "key, policy_index, day, organization, policy_type, policy_domain, "
            + "policy_string, mx_host, successful, failed, detail_failed";
    private static final String DETAIL_COLUMNS = "key, policy_index, detail_index, day, policy_domain, policy_type, "
            + "organization, result_type, sending_mta_ip, receiving_mx_hostname, receiving_mx_helo, receiving_ip, "
            + "failed_sessions, additional_information, failure_reason_code";
    private static final String RAW_COLUMNS = "sha256, bytes, media_type, received_at";

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

    void insert(Connection connection, String token) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        insertDependents(connection, token);
        insertReports(connection, token);
    }

    /** Everything but {@code reports}; separate so a test can stop a batch exactly where a crash could. */
    void insertDependents(Connection connection, String token) throws SQLException {
        if (detailCount > 0) {
            insertDetails(connection, token);
        }
        if (policyCount > 0) {
            insertPolicies(connection, token);
        }
        insertRaw(connection, token);
    }

    private void insertReports(Connection connection, String token) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(Rows.insert("reports", REPORT_COLUMNS, token))) {
            for (Item item : items) {
                ReportRecord record = item.record();
                TlsReport report = record.report();
                Envelope envelope = record.receipt().envelope();
                int i = 0;
                insert.setString(++i, record.key());
                insert.setString(++i, report.organizationName());
                insert.setString(++i, report.reportId());
                insert.setObject(++i, Rows.utc(report.dateRange().start()));
                insert.setObject(++i, Rows.utc(report.dateRange().end()));
                insert.setObject(++i, report.dateRange().day());
                Rows.nullableString(insert, ++i, report.contactInfo());
                insert.setString(++i, record.receipt().channel());
                insert.setObject(++i, Rows.utc(record.receipt().receivedAt()));
                Rows.nullableString(insert, ++i, record.receipt().origin());
                insert.setString(++i, record.receipt().location());
                insert.setString(++i, record.receipt().dkim());
                Rows.nullableString(insert, ++i, record.receipt().dkimDomain());
                insert.setBoolean(++i, record.receipt().dkimAligned());
                insert.setObject(++i, findingCodes(record.findings()));
                insert.setString(++i, findingsJson(record.findings()));
                Rows.nullableString(insert, ++i, envelope.policyDomainHint());
                Rows.nullableString(insert, ++i, envelope.tlsReportSubmitter() != null
                        ? envelope.tlsReportSubmitter() : envelope.subjectSubmitter());
                Rows.nullableString(insert, ++i, envelope.messageId());
                Rows.nullableString(insert, ++i, envelope.from());
                Rows.nullableString(insert, ++i, envelope.fileName());
                insert.setObject(++i, policyDomains(report));
                insert.setString(++i, record.receipt().rawSha256());
                insert.setInt(++i, item.partition());
                insert.setLong(++i, item.offset());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertPolicies(Connection connection, String token) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                Rows.insert("policy_results", POLICY_COLUMNS, token))) {
            for (Item item : items) {
                TlsReport report = item.record().report();
                List<PolicyResult> policies = report.policies();
                for (int p = 0; p < policies.size(); p++) {
                    PolicyResult result = policies.get(p);
                    int i = 0;
                    insert.setString(++i, item.record().key());
                    insert.setInt(++i, p);
                    insert.setObject(++i, report.dateRange().day());
                    insert.setString(++i, report.organizationName());
                    insert.setString(++i, result.policy().policyTypeName());
                    insert.setString(++i, Rows.orEmpty(result.policy().policyDomain()));
                    insert.setObject(++i, result.policy().policyString());
                    insert.setObject(++i, result.policy().mxHost());
                    insert.setLong(++i, result.summary().totalSuccessfulSessionCount());
                    insert.setLong(++i, result.summary().totalFailureSessionCount());
                    insert.setLong(++i, result.failureDetailSessionCount());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private void insertDetails(Connection connection, String token) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                Rows.insert("failure_details", DETAIL_COLUMNS, token))) {
            for (Item item : items) {
                TlsReport report = item.record().report();
                List<PolicyResult> policies = report.policies();
                for (int p = 0; p < policies.size(); p++) {
                    PolicyResult result = policies.get(p);
                    List<FailureDetail> details = result.failureDetails();
                    for (int d = 0; d < details.size(); d++) {
                        FailureDetail detail = details.get(d);
                        int i = 0;
                        insert.setString(++i, item.record().key());
                        insert.setInt(++i, p);
                        insert.setInt(++i, d);
                        insert.setObject(++i, report.dateRange().day());
                        insert.setString(++i, Rows.orEmpty(result.policy().policyDomain()));
                        insert.setString(++i, result.policy().policyTypeName());
                        insert.setString(++i, report.organizationName());
                        insert.setString(++i, detail.resultTypeName());
                        insert.setString(++i, Rows.orEmpty(detail.sendingMtaIp()));
                        insert.setString(++i, Rows.orEmpty(detail.receivingMxHostname()));
                        insert.setString(++i, Rows.orEmpty(detail.receivingMxHelo()));
                        insert.setString(++i, Rows.orEmpty(detail.receivingIp()));
                        insert.setLong(++i, detail.failedSessionCount());
                        insert.setString(++i, Rows.orEmpty(detail.additionalInformation()));
                        insert.setString(++i, Rows.orEmpty(detail.failureReasonCode()));
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    private void insertRaw(Connection connection, String token) throws SQLException {
        Set<String> seen = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(Rows.insert("raw_reports", RAW_COLUMNS, token))) {
            for (Item item : items) {
                String sha256 = item.record().receipt().rawSha256();
                if (seen.add(sha256)) { // several reports of one mail share its bytes
                    insert.setString(1, sha256);
                    insert.setBytes(2, item.raw());
                    insert.setString(3, Rows.orEmpty(item.record().receipt().rawMediaType()));
                    insert.setObject(4, Rows.utc(item.record().receipt().receivedAt()));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
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
