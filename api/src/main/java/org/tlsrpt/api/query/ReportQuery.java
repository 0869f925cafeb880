package org.tlsrpt.api.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.parse.CanonicalJson;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * One report by its identity key, and its raw bytes ({@code GET /api/v1/reports/{key}} and {@code .../raw}), as one
 * scope sees them: the versions of the identity it covers (docs/adr/0006-report-versions.md).
 */
public final class ReportQuery {

    public static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CONTENT_SHA256 = Pattern.compile("[0-9a-f]{64}");

    static final String REPORT = """
            SELECT key, organization, report_id, start_datetime, end_datetime, day, contact_info, received_at,
                   channel, origin, location, policy_domains, dkim, dkim_domain, dkim_aligned, findings,
                   envelope_report_domain, envelope_submitter, envelope_message_id, envelope_from,
                   envelope_file_name, raw_sha256, version,
                   replaceAll(toString(content_sha256), '\\0', '') AS content_sha256, sign,
                   retraction
            FROM reports
            WHERE key = ?
            ORDER BY version, retraction
            """;

    /** The policy results of every version, narrowed to the report's domains and day (the table's key prefix). */
    static final String POLICIES = """
            SELECT version, policy_type, policy_domain, successful, failed
            FROM policy_results
            WHERE policy_domain IN (SELECT arrayJoin(arrayPushBack(policy_domains, '')) FROM reports WHERE key = ?)
              AND day = ? AND key = ? AND NOT retraction
            ORDER BY version, policy_index
            """;

    static final String RAW = """
            SELECT base64Encode(bytes) AS bytes_base64, media_type
            FROM raw_reports
            WHERE sha256 = ?
            LIMIT 1
            """;

    static final String SHARING_RAW = """
            SELECT policy_domains
            FROM reports
            WHERE raw_sha256 = ?
            """;

    private final ClickHouseConnector connector;
    private final ReportReader reader = new ReportReader(Limits.DEFAULTS);

    public ReportQuery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /**
     * The report with {@code key} (32 lower-case hex digits) as {@code scope} sees it: only the versions whose policy
     * domains the scope covers, in content and in existence (another tenant's version, a forgery naming other
     * domains among them, is neither shown nor counted in {@code identityConflict}). The report is the counted
     * version when the scope covers it, else the first version it covers; empty when it covers none. Canonical JSON
     * is computed for the shown versions only: each means reading and parsing raw bytes of up to 20 MB again.
     */
    public Optional<ReportDetail> find(String key, Scope scope) {
        List<VersionRow> rows = versionRows(key);
        Optional<VersionRow> counted = counted(rows);
        List<VersionRow> covered = covered(rows, scope);
        Optional<VersionRow> shownRow = shown(covered, counted);
        if (shownRow.isEmpty()) {
            return Optional.empty();
        }
        ReportDetail detail = shownRow.get().detail();
        Map<Integer, List<ReportVersion.Policy>> policies = new HashMap<>();
        Select.list(connector, POLICIES, statement -> {
            statement.setString(1, key);
            statement.setObject(2, detail.day());
            statement.setString(3, key);
        }, row -> policies.computeIfAbsent(row.getInt("version"), v -> new ArrayList<>()).add(
                new ReportVersion.Policy(row.getString("policy_type"), row.getString("policy_domain"),
                        row.getLong("successful"), row.getLong("failed"))));
        List<ReportVersion> versions = new ArrayList<>();
        String canonical = null;
        for (VersionRow row : covered) {
            ReportDetail version = row.detail();
            String report = canonical(row);
            if (row == shownRow.get()) {
                canonical = report;
            }
            versions.add(new ReportVersion(row.version(), counted.filter(c -> c == row).isPresent(),
                    row.contentSha256(), version.receivedAt(), version.channel(), version.origin(), version.dkim(),
                    version.policyDomains(), version.rawSha256(), policies.getOrDefault(row.version(), List.of()),
                    report));
        }
        return Optional.of(new ReportDetail(detail.key(), detail.organization(), detail.reportId(),
                detail.startDatetime(), detail.endDatetime(), detail.day(), detail.contactInfo(),
                detail.receivedAt(), detail.channel(), detail.origin(), detail.location(), detail.policyDomains(),
                detail.envelope(), detail.dkim(), detail.findings(), detail.rawSha256(), canonical,
                versions.size() > 1, List.copyOf(versions)));
    }

    /** One row of {@code reports} for a key: a version (counted or kept) or the retraction of one. */
    private record VersionRow(ReportDetail detail, int version, String contentSha256, int sign, boolean retraction) {
    }

    /**
     * The version that counts: its row has sign 1 and no retraction follows it. Rows stored before versions existed
     * are version 0 with sign 1, so they count as before.
     */
    private static Optional<VersionRow> counted(List<VersionRow> rows) {
        Set<Integer> retracted = new HashSet<>();
        rows.stream().filter(VersionRow::retraction).forEach(row -> retracted.add(row.version()));
        return rows.stream().filter(row -> !row.retraction() && row.sign() == 1 && !retracted.contains(row.version()))
                .findFirst();
    }

    /** The versions (no retractions) whose every policy domain {@code scope} covers, by version. */
    private static List<VersionRow> covered(List<VersionRow> rows, Scope scope) {
        return rows.stream().filter(row -> !row.retraction() && scope.allowsAll(row.detail().policyDomains()))
                .toList();
    }

    /** The version a scope sees as the report: the counted one if it covers it, else the first it covers. */
    private static Optional<VersionRow> shown(List<VersionRow> covered, Optional<VersionRow> counted) {
        return counted.filter(covered::contains).or(() -> covered.stream().findFirst());
    }

    private String canonical(VersionRow row) {
        ReportDetail version = row.detail();
        return rawBytes(version.rawSha256())
                .map(raw -> canonical(raw, version.key(), version.envelope().fileName(), row.contentSha256()))
                .orElse(null);
    }

    /** Every {@code reports} row of {@code key}, by version, each version's row before its retraction. */
    private List<VersionRow> versionRows(String key) {
        List<VersionRow> rows = Select.list(connector, REPORT, statement -> statement.setString(1, key),
                row -> new VersionRow(new ReportDetail(row.getString("key"), row.getString("organization"),
                        row.getString("report_id"), Sql.instant(row, "start_datetime"),
                        Sql.instant(row, "end_datetime"), Sql.day(row, "day"), row.getString("contact_info"),
                        Sql.instant(row, "received_at"), row.getString("channel"), row.getString("origin"),
                        row.getString("location"), Sql.strings(row, "policy_domains"),
                        new ReportDetail.Envelope(row.getString("envelope_report_domain"),
                                row.getString("envelope_submitter"), row.getString("envelope_message_id"),
                                row.getString("envelope_from"), row.getString("envelope_file_name")),
                        new ReportDetail.Dkim(row.getString("dkim"), row.getString("dkim_domain"),
                                row.getBoolean("dkim_aligned")),
                        row.getString("findings"), row.getString("raw_sha256"), null, false, List.of()),
                        row.getInt("version"), row.getString("content_sha256"), row.getInt("sign"),
                        row.getBoolean("retraction")));
        // a row written twice before ClickHouse merged it is one row
        Map<List<Object>, VersionRow> distinct = new LinkedHashMap<>();
        rows.forEach(row -> distinct.putIfAbsent(List.of(row.version(), row.retraction()), row));
        return List.copyOf(distinct.values());
    }

    /**
     * The raw bytes the report {@code key} as {@code scope} sees it ({@link #find}) was read from, with the domains of
     * every report they carry.
     */
    public Optional<RawReport> raw(String key, Scope scope) {
        List<VersionRow> rows = versionRows(key);
        Optional<ReportDetail> report = shown(covered(rows, scope), counted(rows)).map(VersionRow::detail);
        if (report.isEmpty()) {
            return Optional.empty();
        }
        String sha256 = report.get().rawSha256();
        List<List<String>> shared = Select.list(connector, SHARING_RAW, statement -> statement.setString(1, sha256),
                row -> Sql.strings(row, "policy_domains"));
        return rawBytes(sha256).map(raw -> new RawReport(sha256, raw.bytes(), raw.mediaType(), shared));
    }

    private record Stored(byte[] bytes, String mediaType) {
    }

    private Optional<Stored> rawBytes(String sha256) {
        return Select.list(connector, RAW, statement -> statement.setString(1, sha256),
                row -> new Stored(Sql.bytes(row, "bytes_base64"), row.getString("media_type"))).stream().findFirst();
    }

    /**
     * Reads the raw input again and writes the canonical form of the report with {@code key} and, when known, the
     * content hash {@code contentSha256} in it (one input may carry several versions of one identity).
     */
    private String canonical(Stored raw, String key, String fileName, String contentSha256) {
        for (ReadReport read : reader.read(raw.bytes(), raw.mediaType(), fileName).reports()) {
            if (read.key().value().equals(key) && (!CONTENT_SHA256.matcher(contentSha256).matches()
                    || CanonicalJson.contentSha256(read.report()).equals(contentSha256))) {
                return new String(CanonicalJson.toBytes(read.report()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
