package org.tlsrpt.processor.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The delivery semantics of the processor, in one place (after the ClickHouse Kafka Connect sink's exactly-once
 * design, widened to batches that span partitions). The argument:
 * <ol>
 * <li>Offsets are committed to Kafka only after a batch is in ClickHouse, so nothing is lost (at least once). The
 *     offsets of all of a batch's partitions go in one commit request; should some of them not be stored, the next
 *     owner of such a partition re-forms the whole batch (below) and ClickHouse drops all of it.</li>
 * <li>Before a batch's rows are written, its offset ranges are recorded in {@code processor_batches} (the intent), one
 *     row per partition, each naming the whole batch. After a crash, or when other processors take the partitions
 *     over, the first batch from a partition's committed offset is re-formed with exactly the recorded ranges, read
 *     again from Kafka ({@link RangeReader}) whoever owns the other partitions now. Kafka never changes the records at
 *     an offset, so the batch yields the same rows and the same {@code insert_deduplication_token}, and ClickHouse
 *     drops every block (table and materialized view alike) that had already been written. Two processors that
 *     re-form the same batch at once write the same blocks: one of each is kept. Nothing counts twice.</li>
 * <li>A report delivered twice at different offsets (two channels, a retry, a replay) is dropped by the report
 *     writer's check against identities already stored; the identity is the Kafka key, so both copies are in
 *     one partition, and a partition's records are written in offset order by one batch after the other.</li>
 * </ol>
 */
public final class ExactlyOnceDelivery {

    private final ClickHouseConnector connector;

    public ExactlyOnceDelivery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /**
     * The ranges of the batch recorded as starting at {@code committedOffset} of {@code partition}, if an attempt was
     * made to write one; a row written before batches spanned partitions names its own partition only.
     */
    public Optional<List<OffsetRange>> recorded(TopicPartition partition, long committedOffset) throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement query = connection.prepareStatement(
                "SELECT argMax(last_offset, written_at), argMax(ranges, written_at), count() FROM processor_batches"
                        + " WHERE topic = ? AND partition = ? AND first_offset = ?")) {
            query.setString(1, partition.topic());
            query.setInt(2, partition.partition());
            query.setLong(3, committedOffset);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || rows.getLong(3) == 0) {
                    return Optional.empty();
                }
                String ranges = rows.getString(2);
                return Optional.of(ranges.isEmpty()
                        ? List.of(new OffsetRange(partition.partition(), committedOffset, rows.getLong(1)))
                        : OffsetRange.parse(ranges));
            }
        }
    }

    /** Records the batch's ranges before any of its rows are written (one insert, so all of them or none). */
    public void intend(Batch batch) throws SQLException {
        List<OffsetRange> ranges = batch.ranges();
        String text = OffsetRange.text(ranges);
        try (Connection connection = connector.open(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processor_batches (topic, partition, first_offset, last_offset, ranges)"
                        + " SETTINGS async_insert = 0 VALUES (?, ?, ?, ?, ?)")) {
            for (OffsetRange range : ranges) {
                insert.setString(1, batch.topic());
                insert.setInt(2, range.partition());
                insert.setLong(3, range.first());
                insert.setLong(4, range.last());
                insert.setString(5, text);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
