package org.tlsrpt.processor.write;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tlsrpt.core.message.MalformedRecordException;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.processor.consume.BatchSink;
import org.tlsrpt.processor.consume.PartitionBatch;

/**
 * Writes a batch of {@code tlsrpt.reports} records: decodes each with {@link RecordCodec}, sends poison records to
 * quarantine with their coordinates, keeps the first copy of each report identity in the batch, drops identities
 * already stored, and inserts the rest into every table with the batch's deduplication token. Deterministic: the
 * same batch against the same stored identities yields the same inserts (see ExactlyOnceDelivery).
 */
public final class ReportWriter implements BatchSink {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    /** Keys per lookup of stored identities: 2,000 keys make a query of about 75 KB. */
    private static final int KEYS_PER_LOOKUP = 2_000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** DateTime is a UInt32 of seconds since 1970: dates outside it cannot be stored without being changed. */
    private static final Instant FIRST_STORABLE = Instant.EPOCH;
    private static final Instant END_OF_STORABLE = Instant.ofEpochSecond(0xFFFF_FFFFL + 1);

    private final ClickHouseConnector connector;
    private final BulkInsert database;
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong failureDetails = new AtomicLong();

    public ReportWriter(ClickHouseConnector connector) {
        this.connector = connector;
        this.database = new BulkInsert(connector);
    }

    @Override
    public void write(PartitionBatch batch) throws SQLException {
        Map<String, ReportRows.Item> unique = new LinkedHashMap<>();
        List<QuarantineRow> quarantined = new ArrayList<>();
        int duplicatesInBatch = 0;
        for (ConsumerRecord<String, byte[]> record : batch.records()) {
            ReportRows.Item item;
            try {
                item = decode(record);
            } catch (MalformedRecordException e) {
                quarantined.add(new PoisonRecord(record, e.getMessage()).toRow());
                continue;
            }
            if (unique.putIfAbsent(item.record().key(), item) != null) {
                duplicatesInBatch++;
            }
        }
        Set<String> stored;
        try (Connection connection = connector.open()) {
            stored = storedKeys(connection, unique.values());
        }
        ReportRows tables = new ReportRows();
        for (ReportRows.Item item : unique.values()) {
            if (!stored.contains(item.record().key())) {
                tables.add(item);
            }
        }
        String token = batch.deduplicationToken();
        QuarantineRow.insert(database, token, quarantined);
        tables.insert(database, token);
        reports.addAndGet(tables.reports());
        rows.addAndGet(tables.rows() + quarantined.size());
        failureDetails.addAndGet(tables.failureDetails());
        duplicates.addAndGet(duplicatesInBatch + stored.size());
        poison.addAndGet(quarantined.size());
    }

    @Override
    public void close() {
        database.close();
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
        return new ReportRows.Item(report, decoded.raw(), record.partition(), record.offset());
    }

    /**
     * The identities of this batch that are already in {@code reports}; the day narrows the primary-key range.
     * Asked in slices: the keys are inlined in the query text, which ClickHouse bounds by max_query_size (256 KiB,
     * about 7,000 keys), and batches may be larger.
     */
    private static Set<String> storedKeys(Connection connection, Collection<ReportRows.Item> items)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        List<ReportRows.Item> all = new ArrayList<>(items);
        for (int from = 0; from < all.size(); from += KEYS_PER_LOOKUP) {
            stored.addAll(storedKeys(connection, all.subList(from, Math.min(all.size(), from + KEYS_PER_LOOKUP))));
        }
        return stored;
    }

    private static Set<String> storedKeys(Connection connection, List<ReportRows.Item> items) throws SQLException {
        Set<LocalDate> days = new TreeSet<>();
        StringBuilder keys = new StringBuilder(items.size() * 36);
        for (ReportRows.Item item : items) {
            days.add(item.record().report().dateRange().day());
            keys.append(keys.isEmpty() ? "'" : ", '").append(item.record().key()).append('\'');
        }
        StringBuilder dayList = new StringBuilder();
        for (LocalDate day : days) {
            dayList.append(dayList.isEmpty() ? "'" : ", '").append(day).append('\'');
        }
        Set<String> stored = new HashSet<>();
        // keys and days are validated hex and ISO dates: safe to inline, and much smaller than bound parameters
        try (Statement query = connection.createStatement(); ResultSet result = query.executeQuery(
                "SELECT DISTINCT key FROM reports WHERE day IN (" + dayList + ") AND key IN (" + keys + ")")) {
            while (result.next()) {
                stored.add(result.getString(1));
            }
        }
        return stored;
    }

    /** Reports inserted (first deliveries only). */
    public long reports() {
        return reports.get();
    }

    /** Deliveries dropped because their identity was already stored or earlier in the same batch. */
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
