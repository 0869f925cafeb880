package org.tlsrpt.api.query;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.parse.CanonicalJson;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/** One report by its identity key, and its raw bytes ({@code GET /api/v1/reports/{key}} and {@code .../raw}). */
public final class ReportQuery {

    public static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

    static final String REPORT = """
            SELECT key, organization, report_id, start_datetime, end_datetime, day, contact_info, received_at,
                   channel, origin, location, policy_domains, dkim, dkim_domain, dkim_aligned, findings,
                   envelope_report_domain, envelope_submitter, envelope_message_id, envelope_from,
                   envelope_file_name, raw_sha256
            FROM reports
            WHERE key = ?
            LIMIT 1
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

    /** The report with {@code key} (32 lower-case hex digits), with its canonical form when the raw bytes remain. */
    public Optional<ReportDetail> find(String key) {
        Optional<ReportDetail> found = stored(key);
        if (found.isEmpty()) {
            return found;
        }
        ReportDetail detail = found.get();
        String canonical = rawBytes(detail.rawSha256())
                .map(raw -> canonical(raw, detail.key(), detail.envelope().fileName()))
                .orElse(null);
        return Optional.of(new ReportDetail(detail.key(), detail.organization(), detail.reportId(),
                detail.startDatetime(), detail.endDatetime(), detail.day(), detail.contactInfo(),
                detail.receivedAt(), detail.channel(), detail.origin(), detail.location(), detail.policyDomains(),
                detail.envelope(), detail.dkim(), detail.findings(), detail.rawSha256(), canonical));
    }

    /** The {@code reports} row of {@code key}, without the canonical report. */
    private Optional<ReportDetail> stored(String key) {
        List<ReportDetail> found = Select.list(connector, REPORT, statement -> statement.setString(1, key),
                row -> new ReportDetail(row.getString("key"), row.getString("organization"),
                        row.getString("report_id"), Sql.instant(row, "start_datetime"),
                        Sql.instant(row, "end_datetime"), Sql.day(row, "day"), row.getString("contact_info"),
                        Sql.instant(row, "received_at"), row.getString("channel"), row.getString("origin"),
                        row.getString("location"), Sql.strings(row, "policy_domains"),
                        new ReportDetail.Envelope(row.getString("envelope_report_domain"),
                                row.getString("envelope_submitter"), row.getString("envelope_message_id"),
                                row.getString("envelope_from"), row.getString("envelope_file_name")),
                        new ReportDetail.Dkim(row.getString("dkim"), row.getString("dkim_domain"),
                                row.getBoolean("dkim_aligned")),
                        row.getString("findings"), row.getString("raw_sha256"), null));
        return found.stream().findFirst();
    }

    /** The raw bytes the report {@code key} was read from, with the domains of every report they carry. */
    public Optional<RawReport> raw(String key) {
        Optional<ReportDetail> report = stored(key);
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

    /** Reads the raw input again and writes the canonical form of the report with {@code key} in it. */
    private String canonical(Stored raw, String key, String fileName) {
        for (ReadReport read : reader.read(raw.bytes(), raw.mediaType(), fileName).reports()) {
            if (read.key().value().equals(key)) {
                return new String(CanonicalJson.toBytes(read.report()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
