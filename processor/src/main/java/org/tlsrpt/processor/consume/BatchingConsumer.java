package org.tlsrpt.processor.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tlsrpt.core.RootCause;
import org.tlsrpt.processor.Health;
import org.tlsrpt.processor.ProcessorConfig;

/**
 * A consumer group member that gathers the records of the partitions it owns and hands them to a {@link BatchSink} as
 * one {@link Batch} once enough records are pending or the oldest has waited long enough, and commits the batch's
 * offsets only after the sink returned. When the sink fails (ClickHouse down or slow) it pauses every partition, reports
 * {@link #health()} DOWN, and retries the same batch with exponential backoff; nothing is committed meanwhile. A
 * partition that comes with an assignment is first checked for a batch recorded but not committed
 * ({@link ExactlyOnceDelivery}), which is written again exactly as recorded. One thread, started by {@link #start()}
 * and stopped by {@link #close()}.
 */
public final class BatchingConsumer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BatchingConsumer.class.getName());
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration REREAD_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private final BatchSink sink;
    private final ExactlyOnceDelivery delivery;
    private final WrittenListener listener;
    private final Clock clock;
    private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> pending = new HashMap<>();
    private final Set<TopicPartition> unchecked = new HashSet<>();
    private final AtomicLong recordsWritten = new AtomicLong();
    private final AtomicLong batchesWritten = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private KafkaConsumer<String, byte[]> consumer;
    private RangeReader ranges;
    /** The batch being written or retried; its records are no longer pending. */
    private Batch inFlight;
    /** Whether {@link #inFlight} was read again as recorded, rather than formed from the pending records. */
    private boolean inFlightReread;
    private final BatchTrigger trigger;
    private Duration backoff;
    private long retryAtNanos;
    private volatile Health health;
    private volatile boolean closed;

    public BatchingConsumer(ProcessorConfig config, BatchSink sink, ExactlyOnceDelivery delivery) {
        this(config, sink, delivery, WrittenListener.NONE);
    }

    public BatchingConsumer(ProcessorConfig config, BatchSink sink, ExactlyOnceDelivery delivery,
            WrittenListener listener) {
        this.config = config;
        this.sink = sink;
        this.delivery = delivery;
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.clock = Clock.systemUTC();
        this.backoff = config.minBackoff();
        this.trigger = new BatchTrigger(config.maxBatchRecords(), config.maxBatchDelay());
        this.health = Health.up(clock.instant());
        this.thread = new Thread(this::run, "tlsrpt-consumer-" + config.topic());
    }

    /** Joins the group and starts consuming on its own thread. */
    public BatchingConsumer start() {
        Properties properties = properties(config);
        consumer = new KafkaConsumer<>(properties);
        ranges = new RangeReader(properties, REREAD_TIMEOUT);
        thread.start();
        return this;
    }

    static Properties properties(ProcessorConfig config) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        if (config.instanceId() != null) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(config.maxBatchRecords(), 10_000)));
        // Each ClickHouse insert has a fixed cost, so batches should fill up: the default 1 MiB per partition and
        // fetch holds only ~700 typical records (canonical report + raw bytes), which capped batches well below
        // maxBatchRecords.
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(config.kafkaOverrides());
        if (!"consumer".equalsIgnoreCase(props.getProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG))) {
            // the classic protocol's timeouts are the client's; the consumer protocol (KIP-848) sets them on the broker
            props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    Long.toString(config.sessionTimeout().toMillis()));
            props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                    Long.toString(Math.max(500, config.sessionTimeout().toMillis() / 4)));
        }
        return props;
    }

    public Health health() {
        return health;
    }

    /** Records whose batches are in ClickHouse and committed. */
    public long recordsWritten() {
        return recordsWritten.get();
    }

    public long batchesWritten() {
        return batchesWritten.get();
    }

    /** Failed write or commit attempts since start. */
    public long failures() {
        return failures.get();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.topic()), new Rebalance());
            while (!closed) {
                if (retryAtNanos != 0 && inFlight == null) {
                    // the partitions whose batch failed moved to another processor: nothing left to retry
                    retryAtNanos = 0;
                    consumer.resume(consumer.paused());
                }
                if (retryAtNanos != 0) {
                    waitForRetry();
                } else {
                    collect(consumer.poll(POLL));
                }
                if (!closed && due()) {
                    flush();
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            health = Health.down("consumer stopped: " + e, clock.instant());
            LOG.log(System.Logger.Level.ERROR, "consumer of " + config.topic() + " stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void collect(ConsumerRecords<String, byte[]> records) {
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            pending.computeIfAbsent(partition, p -> new ArrayList<>()).add(record);
            oldest = Math.min(oldest, record.timestamp());
        }
        trigger.polled(records.count(), oldest, caughtUp(), System.nanoTime());
    }

    /** No partition this member owns has records waiting in Kafka, as of the last fetch. */
    private boolean caughtUp() {
        for (TopicPartition partition : consumer.assignment()) {
            java.util.OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private boolean due() {
        return inFlight != null || trigger.due(System.nanoTime(), clock.millis());
    }

    /** Writes and commits the next batch; on failure, schedules a retry of the same batch. */
    private void flush() {
        if (retryAtNanos != 0 && System.nanoTime() < retryAtNanos) {
            return;
        }
        Batch written = null;
        try {
            if (inFlight == null) {
                inFlight = nextBatch();
            }
            if (inFlight != null) {
                delivery.intend(inFlight);
                sink.write(inFlight);
                commit(inFlight);
                recordsWritten.addAndGet(inFlight.records().size());
                batchesWritten.incrementAndGet();
                written = inFlight;
                inFlight = null;
            }
            recovered();
        } catch (java.sql.SQLException | KafkaException e) {
            if (e instanceof WakeupException wakeup) {
                throw wakeup;
            }
            failed(e);
        } catch (RuntimeException e) {
            // the JDBC driver reports some transport failures unchecked; retrying is still the safe choice
            failed(e);
        }
        if (written != null) {
            tell(written);
        }
    }

    /**
     * A batch recorded but not committed for a partition that came with an assignment, read again exactly; else
     * every pending record. A partition stays unchecked until its recorded batch is read, so a failure on the way
     * cannot let its records into a batch of another token.
     */
    private Batch nextBatch() throws java.sql.SQLException {
        inFlightReread = false;
        for (TopicPartition partition : List.copyOf(unchecked)) {
            List<ConsumerRecord<String, byte[]>> records = pending.get(partition);
            if (records == null || records.isEmpty()) {
                continue; // checked once its first record (at the committed offset) is polled
            }
            Optional<List<OffsetRange>> recorded = delivery.recorded(partition, records.get(0).offset());
            Batch batch = recorded.isEmpty() ? null : ranges.read(config.topic(), recorded.get());
            unchecked.remove(partition);
            if (batch != null) {
                skipPending(batch);
                inFlightReread = true;
                return batch;
            }
        }
        if (trigger.pending() == 0) {
            return null;
        }
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(trigger.pending());
        pending.values().forEach(all::addAll);
        pending.clear();
        trigger.taken(all.size(), System.nanoTime());
        return new Batch(config.topic(), all);
    }

    /**
     * The records of a re-read batch that were also polled here are in it now, not pending, and the partitions this
     * member owns go on after it, unless their committed offset is past it already (another processor wrote it).
     */
    private void skipPending(Batch batch) {
        Set<TopicPartition> owned = owned(batch);
        Map<TopicPartition, OffsetAndMetadata> committed = owned.isEmpty() ? Map.of() : consumer.committed(owned);
        for (OffsetRange range : batch.ranges()) {
            TopicPartition partition = new TopicPartition(batch.topic(), range.partition());
            List<ConsumerRecord<String, byte[]>> records = pending.get(partition);
            boolean polledPast = false;
            if (records != null && !records.isEmpty()) {
                polledPast = records.get(records.size() - 1).offset() > range.last();
                int before = records.size();
                records.removeIf(record -> record.offset() <= range.last());
                trigger.taken(before - records.size(), System.nanoTime());
            }
            unchecked.remove(partition); // its committed offset is the range's first, or past the range
            OffsetAndMetadata offset = committed.get(partition);
            if (owned.contains(partition) && !polledPast
                    && (offset == null || offset.offset() <= range.last())) {
                consumer.seek(partition, range.last() + 1);
            }
        }
    }

    /**
     * Commits the batch's offsets of the partitions this member owns, in one request; for a batch read again, only
     * where the committed offset is not past it already.
     */
    private void commit(Batch batch) {
        Set<TopicPartition> owned = owned(batch);
        Map<TopicPartition, OffsetAndMetadata> committed = inFlightReread && !owned.isEmpty()
                ? consumer.committed(owned) : Map.of();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (OffsetRange range : batch.ranges()) {
            TopicPartition partition = new TopicPartition(batch.topic(), range.partition());
            OffsetAndMetadata already = committed.get(partition);
            if (owned.contains(partition) && (already == null || already.offset() <= range.last())) {
                offsets.put(partition, new OffsetAndMetadata(range.last() + 1));
            }
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    /** The batch's partitions that this member owns now. */
    private Set<TopicPartition> owned(Batch batch) {
        Set<TopicPartition> owned = new HashSet<>();
        for (OffsetRange range : batch.ranges()) {
            TopicPartition partition = new TopicPartition(batch.topic(), range.partition());
            if (consumer.assignment().contains(partition)) {
                owned.add(partition);
            }
        }
        return owned;
    }

    private void tell(Batch written) {
        try {
            listener.written(written);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a listener of " + config.topic() + " failed; the batches stay stored",
                    e);
        }
    }

    private void recovered() {
        if (retryAtNanos != 0 || !health.up()) {
            LOG.log(System.Logger.Level.INFO, "writing to ClickHouse works again; resuming {0}", config.topic());
            consumer.resume(consumer.paused());
            health = Health.up(clock.instant());
        }
        retryAtNanos = 0;
        backoff = config.minBackoff();
    }

    private void failed(Exception e) {
        failures.incrementAndGet();
        if (health.up()) {
            health = Health.down(RootCause.reason(e), clock.instant());
            LOG.log(System.Logger.Level.WARNING, "cannot write a batch of " + config.topic()
                    + "; pausing consumption and retrying", e);
        }
        consumer.pause(consumer.assignment());
        retryAtNanos = System.nanoTime() + backoff.toNanos();
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    /** Keeps the group membership alive (paused partitions return nothing) until the next attempt is due. */
    private void waitForRetry() {
        consumer.pause(consumer.assignment());
        consumer.poll(POLL);
    }

    /** Stops consuming. Pending records are not written; their offsets are not committed, so nothing is lost. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            unchecked.addAll(partitions);
            if (retryAtNanos != 0) {
                consumer.pause(partitions);
            }
        }

        /**
         * Records of a partition that moves elsewhere are not committed: its new owner reads them again. A batch in
         * flight that holds some of them is given up: its intent is recorded, so its new owner and this member (for
         * the partitions it keeps, read again from the batch's first offsets) re-form it exactly.
         */
        private void drop(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                List<ConsumerRecord<String, byte[]>> records = pending.remove(partition);
                if (records != null) {
                    trigger.taken(records.size(), System.nanoTime());
                }
                unchecked.remove(partition);
            }
            if (inFlight != null && inFlight.ranges().stream()
                    .anyMatch(range -> partitions.contains(new TopicPartition(inFlight.topic(), range.partition())))) {
                for (OffsetRange range : inFlight.ranges()) {
                    TopicPartition kept = new TopicPartition(inFlight.topic(), range.partition());
                    if (!partitions.contains(kept) && consumer.assignment().contains(kept)) {
                        List<ConsumerRecord<String, byte[]>> records = pending.remove(kept);
                        if (records != null) {
                            trigger.taken(records.size(), System.nanoTime());
                        }
                        consumer.seek(kept, range.first());
                        unchecked.add(kept);
                    }
                }
                inFlight = null;
            }
        }
    }
}
