package org.tlsrpt.processor.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The delivery semantics of the processor, in one place (after the ClickHouse Kafka Connect sink's exactly-once
 * design). The argument, per partition:
 * <ol>
 * <li>Offsets are committed to Kafka only after a batch is in ClickHouse, so nothing is lost (at least once).</li>
 * <li>Before a batch's rows are written, its offset range is recorded in {@code processor_batches} (the intent).
 *     After a crash, or when another processor takes the partition over, the first batch from the committed
 *     offset is re-formed with exactly the recorded range; Kafka never changes the records at an offset, so it
 *     yields the same rows and the same {@code insert_deduplication_token}, and ClickHouse drops every block
 *     (table and materialized view alike) that had already been written. Nothing counts twice.</li>
 * <li>A report delivered twice at different offsets (two channels, a retry, a replay) is dropped by the report
 *     writer's check against identities already stored; the identity is the Kafka key, so both copies are in
 *     one partition and only one writer ever checks it.</li>
 * </ol>
 */
public final class ExactlyOnceDelivery {

    private final ClickHouseConnector connector;
    private final Map<TopicPartition, Long> pinnedLast = new HashMap<>();
    private final Map<TopicPartition, Long> pinnedFirst = new HashMap<>();

    public ExactlyOnceDelivery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /** Looks up the recorded intent of the batch that starts at the committed offset, if an attempt was made. */
    public void assigned(TopicPartition partition, long committedOffset) throws SQLException {
        forget(partition);
        OptionalLong last = recordedLast(partition, committedOffset);
        if (last.isPresent()) {
            pinnedFirst.put(partition, committedOffset);
            pinnedLast.put(partition, last.getAsLong());
        }
    }

    public void forget(TopicPartition partition) {
        pinnedFirst.remove(partition);
        pinnedLast.remove(partition);
    }

    /**
     * How many of the pending records (in offset order) form the next batch: all of them, or exactly the recorded
     * range when a previous attempt started at the same offset; 0 while that range has not been polled entirely.
     */
    public int cut(TopicPartition partition, List<ConsumerRecord<String, byte[]>> pending) {
        Long last = pinnedLast.get(partition);
        if (last == null || pending.isEmpty() || pending.get(0).offset() != pinnedFirst.get(partition)) {
            return pending.size();
        }
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).offset() >= last) {
                return pending.get(i).offset() == last ? i + 1 : i;
            }
        }
        return 0;
    }

    /**
     * Records the batch's range before any of its rows are written, and pins it in this process too: should the write
     * fail part way (ClickHouse stopped), the retry from the records still pending must be exactly this range, even
     * when more records were polled meanwhile, or the tables written before the failure would get the rows again
     * under another deduplication token (the daily aggregates counted them twice).
     */
    public void intend(PartitionBatch batch) throws SQLException {
        TopicPartition partition = new TopicPartition(batch.topic(), batch.partition());
        pinnedFirst.put(partition, batch.firstOffset());
        pinnedLast.put(partition, batch.lastOffset());
        try (Connection connection = connector.open(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processor_batches (topic, partition, first_offset, last_offset) SETTINGS async_insert = 0"
                        + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, batch.topic());
            insert.setInt(2, batch.partition());
            insert.setLong(3, batch.firstOffset());
            insert.setLong(4, batch.lastOffset());
            insert.executeUpdate();
        }
    }

    /** The batch is in ClickHouse and its offsets are committed: the partition continues unpinned. */
    public void written(PartitionBatch batch) {
        forget(new TopicPartition(batch.topic(), batch.partition()));
    }

    private OptionalLong recordedLast(TopicPartition partition, long firstOffset) throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement query = connection.prepareStatement(
                "SELECT argMax(last_offset, written_at), count() FROM processor_batches"
                        + " WHERE topic = ? AND partition = ? AND first_offset = ?")) {
            query.setString(1, partition.topic());
            query.setInt(2, partition.partition());
            query.setLong(3, firstOffset);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next() && rows.getLong(2) > 0) {
                    return OptionalLong.of(rows.getLong(1));
                }
            }
        }
        return OptionalLong.empty();
    }
}
