package org.tlsrpt.processor.reprocess;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Runs quarantined items through today's {@link ReportReader} and publishes the reports that now parse to
 * {@code tlsrpt.reports} with channel {@code reprocess}. Safe to run twice: the processor counts a report identity
 * once, however often it is published. The quarantine rows stay (they are the record of what was refused). Items
 * refused by the DKIM policy ({@code dkim-required}) are left alone: they parse, and the policy still holds.
 */
public final class Reprocessor {

    /**
     * @param since      only items received at or after this instant; null for all
     * @param reasonCode only items refused for this reason code; null for all
     */
    public record Filter(Instant since, String reasonCode) {
    }

    /** What one run did: items read from quarantine, reports published, items that still do not parse. */
    public record Outcome(int examined, int published, int stillRefused) {
    }

    private final ClickHouseConnector clickhouse;
    private final Producer<String, byte[]> producer;
    private final ReportReader reader;
    private final String topic;
    private final Clock clock;

    public Reprocessor(ClickHouseConnector clickhouse, Producer<String, byte[]> producer,
            ReportReader reader, String topic, Clock clock) {
        this.clickhouse = Objects.requireNonNull(clickhouse, "clickhouse");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Publishes every report that now parses; waits for Kafka's acknowledgement of each. */
    public Outcome run(Filter filter) throws SQLException, InterruptedException, ExecutionException,
            TimeoutException {
        int examined = 0;
        int published = 0;
        int refused = 0;
        try (Connection connection = clickhouse.open(); PreparedStatement query = connection.prepareStatement(
                "SELECT sha256, origin, coordinates, media_type, hex(bytes) FROM quarantine FINAL"
                        + " WHERE received_at >= ? AND (? = '' OR reason_code = ?) AND reason_code != ?"
                        + " ORDER BY received_at")) {
            query.setTimestamp(1, Timestamp.from(filter.since() == null ? Instant.EPOCH : filter.since()));
            String reason = filter.reasonCode() == null ? "" : filter.reasonCode();
            query.setString(2, reason);
            query.setString(3, reason);
            // those parse: the intake's DKIM policy refused them, and re-parsing must not let them in
            query.setString(4, RefusalCode.DKIM_REQUIRED.code());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    examined++;
                    byte[] bytes = HexFormat.of().parseHex(rows.getString(5));
                    String mediaType = rows.getString(4);
                    @SuppressWarnings("unchecked")
                    Map<String, String> coordinates = new HashMap<>((Map<String, String>) rows.getObject(3));
                    coordinates.put("quarantine-sha256", rows.getString(1));
                    ReadResult result = reader.read(bytes, mediaType, coordinates.get("file-name"));
                    if (result.isRefused()) {
                        refused++;
                        continue;
                    }
                    for (ReadReport report : result.reports()) {
                        publish(report, bytes, mediaType, rows.getString(2), coordinates);
                        published++;
                    }
                }
            }
        }
        return new Outcome(examined, published, refused);
    }

    private void publish(ReadReport report, byte[] bytes, String mediaType, String origin,
            Map<String, String> coordinates) throws InterruptedException, ExecutionException, TimeoutException {
        Receipt receipt = new Receipt("reprocess", clock.instant(), origin, coordinates, report.location(),
                Sha256.hex(bytes), mediaType, report.envelope(), Receipt.DKIM_NOT_CHECKED, null, false);
        ReportRecord record = new ReportRecord(report.key().value(), report.report(), report.findings(), receipt);
        producer.send(new ProducerRecord<>(topic, record.key(), RecordCodec.encode(record, bytes)))
                .get(30, TimeUnit.SECONDS);
    }
}
