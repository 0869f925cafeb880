package org.tlsrpt.processor.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * {@code raw_reports}, inserted child tables first and {@code reports} last: a report's version is only visible
 * (and so only skipped by later deliveries) once all of its rows are in. Each table gets one insert per batch, which
 * holds the batch's new rows and the retractions of versions it displaces (copies of their counted rows, read back
 * from ClickHouse as RowBinary with {@code retraction = true, sign = -1}), so one token covers both.
 */
final class ReportRows {

    private static final JsonFactory JSON = new JsonFactory();

    // The column order of each insert; the row builders below write values in exactly this order.
    private static final List<String> REPORT_COLUMNS = List.of("key", "organization", "report_id",
            "start_datetime", "end_datetime", "day", "contact_info", "channel", "received_at", "origin", "location",
            "dkim", "dkim_domain", "dkim_aligned", "finding_codes", "findings", "envelope_report_domain",
            "envelope_submitter", "envelope_message_id", "envelope_from", "envelope_file_name", "policy_domains",
            "raw_sha256", "kafka_partition", "kafka_offset", "content_sha256", "version", "retraction", "sign");
    private static final List<String> POLICY_COLUMNS = List.of("key", "policy_index", "day", "organization",
            "policy_type", "policy_domain", "policy_string", "mx_host", "successful", "failed", "detail_failed",
            "version", "retraction", "sign");
    private static final List<String> DETAIL_COLUMNS = List.of("key", "policy_index", "detail_index", "day",
            "policy_domain", "policy_type", "organization", "result_type", "sending_mta_ip",
            "receiving_mx_hostname", "receiving_mx_helo", "receiving_ip", "failed_sessions",
            "additional_information", "failure_reason_code", "version", "retraction", "sign");
    private static final List<String> RAW_COLUMNS = List.of("sha256", "bytes", "media_type", "received_at");

    /**
     * A report to store, with its raw bytes, where it was read from, and which version of its identity it is.
     *
     * @param contentSha256 hex SHA-256 of the canonical report: equal for copies, different for versions
     * @param version       ordinal of this content among the identity's versions (0: the first)
     * @param sign          1 when this version is the one counted, 0 when it is kept without counting
     */
    record Item(ReportRecord record, byte[] raw, int partition, long offset, String contentSha256, int version,
            int sign) {

        /** The first version of its identity, counted. */
        Item(ReportRecord record, byte[] raw, int partition, long offset) {
            this(record, raw, partition, offset, CanonicalJson.contentSha256(record.report()), 0, 1);
        }

        Item as(int newVersion, int newSign) {
            return new Item(record, raw, partition, offset, contentSha256, newVersion, newSign);
        }
    }

    /** The tables that hold a report's counted rows, which a retraction copies with the opposite sign. */
    enum Counted {
        REPORTS("reports", REPORT_COLUMNS, false),
        POLICY_RESULTS("policy_results", POLICY_COLUMNS, true),
        FAILURE_DETAILS("failure_details", DETAIL_COLUMNS, true);

        private final String table;
        private final List<String> columns;
        /** Ordered by domain first: the report's own domains narrow the range read. */
        private final boolean byDomain;

        Counted(String table, List<String> columns, boolean byDomain) {
            this.table = table;
            this.columns = columns;
            this.byDomain = byDomain;
        }

        /**
         * The counted rows of the given versions as retractions, in this table's insert column order (RowBinary).
         * Arguments are validated hex keys, ISO days and version numbers: inlined, like the stored-version lookup;
         * the policy domains (sender text) are only read inside ClickHouse, never put into the query.
         */
        String retractionQuery(String days, String keys, String versions) {
            StringBuilder select = new StringBuilder("SELECT ");
            for (String column : columns) {
                select.append(switch (column) {
                    case "retraction" -> "true";
                    case "sign" -> "toInt8(-1)";
                    default -> column;
                }).append(", ");
            }
            select.setLength(select.length() - 2);
            String which = "day IN (" + days + ") AND key IN (" + keys + ") AND (key, version) IN (" + versions + ")";
            String domains = !byDomain ? "" : "policy_domain IN (SELECT arrayJoin(arrayPushBack(policy_domains, ''))"
                    + " FROM reports WHERE " + which + ") AND ";
            return select + " FROM " + table + " FINAL WHERE " + domains + which + " AND NOT retraction AND sign = 1"
                    + " ORDER BY key, version";
        }
    }

    private final List<Item> items = new ArrayList<>();
    private final Map<Counted, RowBinary> retractions = new EnumMap<>(Counted.class);
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

    /** Adds retraction rows read back from {@code table} (RowBinary in its insert column order). */
    void retract(Counted table, byte[] rows, int count) {
        retractions.computeIfAbsent(table, t -> new RowBinary(rows.length)).raw(rows, count);
    }

    int rows() {
        int retracted = retractions.values().stream().mapToInt(RowBinary::rows).sum();
        return items.size() * 2 + policyCount + detailCount + retracted;
    }

    int failureDetails() {
        return detailCount;
    }

    void insert(BulkInsert database, String token) throws SQLException {
        if (items.isEmpty() && retractions.isEmpty()) {
            return;
        }
        insertDependents(database, token);
        database.insert("reports", REPORT_COLUMNS, token, reportRows());
    }

    /** Everything but {@code reports}; separate so a test can stop a batch exactly where a crash could. */
    void insertDependents(BulkInsert database, String token) throws SQLException {
        database.insertAll(token, List.of(new BulkInsert.Rows("failure_details", DETAIL_COLUMNS, detailRows()),
                new BulkInsert.Rows("policy_results", POLICY_COLUMNS, policyRows()),
                new BulkInsert.Rows("raw_reports", RAW_COLUMNS, rawRows())));
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
            rows.fixedAscii(item.contentSha256(), 64);
            version(rows, item);
        }
        return withRetractions(Counted.REPORTS, rows);
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
                version(rows, item);
            }
        }
        return withRetractions(Counted.POLICY_RESULTS, rows);
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
                    version(rows, item);
                }
            }
        }
        return withRetractions(Counted.FAILURE_DETAILS, rows);
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

    /** The last three columns of every counted table, and the end of the row. */
    private static void version(RowBinary rows, Item item) {
        rows.uint16(item.version());
        rows.bool(false);
        rows.int8(item.sign());
        rows.endRow();
    }

    private RowBinary withRetractions(Counted table, RowBinary rows) {
        RowBinary retracted = retractions.get(table);
        if (retracted != null) {
            rows.raw(retracted);
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
