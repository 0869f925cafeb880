package org.tlsrpt.processor.write;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tlsrpt.core.message.MalformedRecordException;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.processor.consume.BatchSink;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Writes a batch of {@code tlsrpt.reports} records: decodes each with {@link RecordCodec}, sends poison records and
 * reports older than the {@link Retention} to quarantine with their coordinates, drops copies whose content is stored
 * already, keeps every new content of an identity as a version of it, counts exactly one version per identity
 * ({@link VersionLedger}), and inserts everything into every table with the batch's deduplication token, together with
 * the retraction of any version that stops counting. Deterministic: the same batch against the same stored versions
 * yields the same inserts (see ExactlyOnceDelivery and docs/adr/0006-report-versions.md).
 */
public final class ReportWriter implements BatchSink {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    /**
     * Keys per lookup of stored identities: 25,000 keys make a query of about 0.9 MB. Each lookup reads every key
     * stored on its days (keys are hashes: no index narrows a set of thousands), so one lookup per batch is much
     * cheaper than one per few thousand keys.
     */
    private static final int KEYS_PER_LOOKUP = 25_000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** DateTime is a UInt32 of seconds since 1970: dates outside it cannot be stored without being changed. */
    private static final Instant FIRST_STORABLE = Instant.EPOCH;
    private static final Instant END_OF_STORABLE = Instant.ofEpochSecond(0xFFFF_FFFFL + 1);

    private final BulkInsert database;
    private final Retention retention;
    private final int maxVersions;
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong displaced = new AtomicLong();
    private final AtomicLong outsideRetention = new AtomicLong();
    private final AtomicLong tooManyVersions = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong failureDetails = new AtomicLong();

    /** With the default retention ({@link Retention#standard()}). */
    public ReportWriter(ClickHouseConnector connector) {
        this(connector, Retention.standard());
    }

    public ReportWriter(ClickHouseConnector connector, Retention retention) {
        this(connector, retention, VersionLedger.DEFAULT_MAX_VERSIONS);
    }

    /** {@code maxVersions}: distinct versions kept per identity; a further one goes to quarantine. */
    public ReportWriter(ClickHouseConnector connector, Retention retention, int maxVersions) {
        this.database = new BulkInsert(connector);
        this.retention = retention;
        this.maxVersions = maxVersions;
    }

    @Override
    public void write(Batch batch) throws SQLException {
        Prepared prepared = prepare(batch);
        String token = batch.deduplicationToken();
        QuarantineRow.insert(database, token, prepared.quarantined());
        prepared.tables().insert(database, token);
        reports.addAndGet(prepared.firsts());
        rows.addAndGet(prepared.tables().rows() + prepared.quarantined().size());
        failureDetails.addAndGet(prepared.tables().failureDetails());
        duplicates.addAndGet(prepared.duplicates());
        conflicts.addAndGet(prepared.conflicts());
        displaced.addAndGet(prepared.displacing());
        poison.addAndGet(prepared.poison());
        outsideRetention.addAndGet(prepared.outsideRetention());
        tooManyVersions.addAndGet(prepared.tooManyVersions());
    }

    /** What one batch inserts, and how many of its records ended which way. */
    record Prepared(ReportRows tables, List<QuarantineRow> quarantined, int firsts, int duplicates, int conflicts,
            int displacing, int poison, int outsideRetention, int tooManyVersions) {
    }

    /**
     * Everything {@link #write} inserts for {@code batch}, decided against the versions stored now; separate so a
     * test can stop a batch exactly where a crash could.
     */
    Prepared prepare(Batch batch) throws SQLException {
        List<ReportRows.Item> items = new ArrayList<>();
        List<QuarantineRow> quarantined = new ArrayList<>();
        int poisonInBatch = 0;
        int outsideInBatch = 0;
        for (ConsumerRecord<String, byte[]> record : batch.records()) {
            ReportRows.Item item;
            try {
                item = decode(record);
            } catch (MalformedRecordException e) {
                quarantined.add(new PoisonRecord(record, e.getMessage()).toRow());
                poisonInBatch++;
                continue;
            }
            if (!retention.keeps(item.record().report().dateRange().day())) {
                quarantined.add(outsideRetention(item));
                outsideInBatch++;
                continue;
            }
            items.add(item);
        }
        ReportRows tables = new ReportRows();
        int duplicatesInBatch = 0;
        int firsts = 0;
        int conflictsInBatch = 0;
        int displacing = 0;
        int tooManyInBatch = 0;
        VersionLedger ledger = new VersionLedger(storedVersions(items), maxVersions);
        for (ReportRows.Item item : items) {
            switch (ledger.admit(item)) {
                case DUPLICATE -> duplicatesInBatch++;
                case FIRST -> firsts++;
                case DISPLACING -> {
                    conflictsInBatch++;
                    displacing++;
                }
                case KEPT -> conflictsInBatch++;
                case TOO_MANY -> {
                    quarantined.add(tooManyVersions(item));
                    tooManyInBatch++;
                }
            }
        }
        ledger.toWrite().forEach(tables::add);
        retract(ledger.retractions(), tables);
        return new Prepared(tables, quarantined, firsts, duplicatesInBatch, conflictsInBatch, displacing,
                poisonInBatch, outsideInBatch, tooManyInBatch);
    }

    /** A report the tables would drop at insert (its TTL has passed): kept in quarantine, whole, to reprocess later. */
    private QuarantineRow outsideRetention(ReportRows.Item item) {
        return refused(item, RefusalCode.OUTSIDE_RETENTION, "$.date-range",
                "the report's day " + item.record().report().dateRange().day() + " is before "
                        + retention.firstKeptDay() + ", the first day the tables keep (retention " + retention.days()
                        + " days)");
    }

    /** A further distinct version of an identity that has as many as are kept: in quarantine, whole. */
    private QuarantineRow tooManyVersions(ReportRows.Item item) {
        return refused(item, RefusalCode.TOO_MANY_VERSIONS, "$",
                "the report's identity already has " + maxVersions + " distinct versions (tlsrpt.processor.max-versions)");
    }

    private static QuarantineRow refused(ReportRows.Item item, RefusalCode code, String path, String detail) {
        ReportRecord record = item.record();
        Receipt receipt = record.receipt();
        Map<String, String> coordinates = new HashMap<>(receipt.coordinates());
        coordinates.put("report-key", record.key());
        return new QuarantineRow(receipt.rawSha256(), code.code(), path, detail, receipt.channel(),
                receipt.receivedAt(), receipt.origin(), coordinates, receipt.rawMediaType(), Topics.REPORTS,
                item.partition(), item.offset(), item.raw());
    }

    @Override
    public void close() {
        database.close();
    }

    /**
     * The versions of this batch's identities that are in {@code reports} (one row each: the counted row or the row
     * kept without counting; retractions left out); the day narrows the primary-key range. Asked in slices: the keys
     * are inlined in the query text, whose bound (max_query_size) the lookup raises, and batches may be larger still.
     */
    private List<VersionLedger.StoredVersion> storedVersions(Collection<ReportRows.Item> items) throws SQLException {
        Map<String, ReportRows.Item> unique = new LinkedHashMap<>();
        items.forEach(item -> unique.putIfAbsent(item.record().key(), item));
        List<ReportRows.Item> all = new ArrayList<>(unique.values());
        List<VersionLedger.StoredVersion> stored = new ArrayList<>();
        for (int from = 0; from < all.size(); from += KEYS_PER_LOOKUP) {
            List<ReportRows.Item> slice = all.subList(from, Math.min(all.size(), from + KEYS_PER_LOOKUP));
            Set<LocalDate> days = new TreeSet<>();
            List<String> keys = new ArrayList<>();
            for (ReportRows.Item item : slice) {
                days.add(item.record().report().dateRange().day());
                keys.add(item.record().key());
            }
            stored.addAll(storedVersions(quoted(days), quoted(keys)));
        }
        return stored;
    }

    private List<VersionLedger.StoredVersion> storedVersions(String days, String keys) throws SQLException {
        List<VersionLedger.StoredVersion> stored = new ArrayList<>();
        // keys and days are validated hex and ISO dates: safe to inline, and much smaller than bound parameters
        for (String[] row : database.selectFields("SELECT DISTINCT key, day, version,"
                + " replaceAll(toString(content_sha256), '\\0', ''), channel, dkim, dkim_aligned FROM reports"
                + " WHERE day IN (" + days + ") AND key IN (" + keys + ") AND NOT retraction")) {
            stored.add(new VersionLedger.StoredVersion(row[0], LocalDate.parse(row[1]), Integer.parseInt(row[2]),
                    row[3], row[4], row[5], Boolean.parseBoolean(row[6])));
        }
        return stored;
    }

    /**
     * Reads back the counted rows of the versions that stop counting, as retraction rows for this batch's inserts.
     * They never change once written, so a retried batch reads the same rows and its inserts carry the same token.
     */
    private void retract(List<VersionLedger.Retraction> retractions, ReportRows tables) throws SQLException {
        if (retractions.isEmpty()) {
            return;
        }
        Set<LocalDate> days = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        List<String> versions = new ArrayList<>();
        for (VersionLedger.Retraction retraction : retractions) {
            days.add(retraction.day());
            keys.add(retraction.key());
            versions.add("('" + retraction.key() + "', " + retraction.version() + ")");
        }
        for (ReportRows.Counted table : ReportRows.Counted.values()) {
            String select = table.retractionQuery(quoted(days), quoted(keys), String.join(", ", versions));
            int count = Integer.parseInt(database.selectFields("SELECT count() FROM (" + select + ")").get(0)[0]);
            if (count > 0) {
                tables.retract(table, database.selectRowBinary(select), count);
            }
        }
    }

    private static String quoted(Collection<?> values) {
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            text.append(text.isEmpty() ? "'" : ", '").append(value).append('\'');
        }
        return text.toString();
    }

    private static ReportRows.Item decode(ConsumerRecord<String, byte[]> record) {
        RecordCodec.Decoded<ReportRecord> decoded = RecordCodec.decodeReport(record.value());
        ReportRecord report = decoded.record();
        if (report.key() == null || !KEY.matcher(report.key()).matches()) {
            throw new MalformedRecordException("the record's key is not 32 hex digits: " + report.key());
        }
        if (!report.key().equals(report.report().key().value())) {
            throw new MalformedRecordException("the record's key " + report.key()
                    + " is not the identity of its report " + report.report().key().value());
        }
        if (!SHA256.matcher(report.receipt().rawSha256()).matches()) {
            throw new MalformedRecordException("raw-sha256 is not 64 hex digits");
        }
        if (report.report().dateRange().start().isBefore(FIRST_STORABLE)
                || !report.report().dateRange().end().isBefore(END_OF_STORABLE)) {
            throw new MalformedRecordException("the date-range " + report.report().dateRange()
                    + " is outside what ClickHouse's DateTime stores (1970 to 2106)");
        }
        // the first version, counted, until the ledger says otherwise; the content hash from the record's own bytes
        return new ReportRows.Item(report, decoded.raw(), record.partition(), record.offset(), decoded.contentSha256(),
                0, 1);
    }

    /** Report identities stored for the first time. */
    public long reports() {
        return reports.get();
    }

    /**
     * Further versions of a stored identity (a copy whose content differs): each is kept, and the identity is marked
     * as an identity conflict.
     */
    public long identityConflicts() {
        return conflicts.get();
    }

    /** Versions that took over the count of their identity from an earlier, less trusted one. */
    public long displaced() {
        return displaced.get();
    }

    /** Reports sent to quarantine because their day is older than the retention ({@code outside-retention}). */
    public long outsideRetention() {
        return outsideRetention.get();
    }

    /** Reports sent to quarantine because their identity has as many versions as kept ({@code too-many-versions}). */
    public long tooManyVersions() {
        return tooManyVersions.get();
    }

    /** Deliveries dropped because the same content of their identity was already stored or earlier in the batch. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Records sent to quarantine because they could not be decoded. */
    public long poison() {
        return poison.get();
    }

    /** Rows inserted over all tables (before ClickHouse's own deduplication of retried blocks). */
    public long rows() {
        return rows.get();
    }

    public long failureDetails() {
        return failureDetails.get();
    }
}
