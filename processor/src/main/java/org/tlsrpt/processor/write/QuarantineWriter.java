package org.tlsrpt.processor.write;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.message.MalformedRecordException;
import org.tlsrpt.core.message.QuarantineRecord;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.processor.consume.BatchSink;
import org.tlsrpt.processor.consume.Batch;

/**
 * Stores {@code tlsrpt.quarantine} records in the {@code quarantine} table for the API and for re-processing.
 * A record that is not even a quarantine record is stored whole as a poison record, so nothing is dropped.
 */
public final class QuarantineWriter implements BatchSink {

    private final BulkInsert database;
    private final AtomicLong items = new AtomicLong();

    public QuarantineWriter(ClickHouseConnector connector) {
        this.database = new BulkInsert(connector);
    }

    @Override
    public void write(Batch batch) throws SQLException {
        List<QuarantineRow> rows = new ArrayList<>(batch.records().size());
        for (ConsumerRecord<String, byte[]> record : batch.records()) {
            try {
                rows.add(row(record));
            } catch (MalformedRecordException e) {
                rows.add(new PoisonRecord(record, e.getMessage()).toRow());
            }
        }
        QuarantineRow.insert(database, batch.deduplicationToken(), rows);
        items.addAndGet(rows.size());
    }

    private static QuarantineRow row(ConsumerRecord<String, byte[]> record) {
        RecordCodec.Decoded<QuarantineRecord> decoded = RecordCodec.decodeQuarantine(record.value());
        QuarantineRecord item = decoded.record();
        Receipt receipt = item.receipt();
        byte[] raw = decoded.raw();
        String sha256 = receipt.rawSha256().matches("[0-9a-f]{64}") ? receipt.rawSha256() : Sha256.hex(raw);
        return new QuarantineRow(sha256, item.reason().code().code(), item.reason().path(), item.reason().message(),
                receipt.channel(), receipt.receivedAt(), receipt.origin(), receipt.coordinates(),
                receipt.rawMediaType(), record.topic(), record.partition(), record.offset(), raw);
    }

    @Override
    public void close() {
        database.close();
    }

    /** Quarantine rows written (before ClickHouse's own deduplication of retried blocks). */
    public long items() {
        return items.get();
    }
}
