package org.tlsrpt.processor.reprocess;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Hands quarantined items again to the intake ({@link Resubmission}: in the application, the ingest's one
 * {@code ReportIntake}, channel {@code reprocess}), which reads them with today's parser and applies today's
 * who-may-send rules (allow-list, DKIM) like for any other channel; only its quotas do not apply. A second door
 * straight into {@code tlsrpt.reports} would let in what the policy refused. Safe to run twice: the processor
 * counts a report identity once, however often it is published. The quarantine rows stay (they are the record of
 * what was refused). Items refused by the DKIM policy ({@code dkim-required}) are not even read: they parse, and
 * the policy still holds.
 */
public final class Reprocessor {

    /**
     * @param since      only items received at or after this instant; null for all
     * @param reasonCode only items refused for this reason code; null for all
     */
    public record Filter(Instant since, String reasonCode) {
    }

    /**
     * What one run did: items read from quarantine, reports published, items that still do not parse, items the
     * intake's policy refuses (a domain not allowed, a signature required).
     */
    public record Outcome(int examined, int published, int stillRefused, int refusedByPolicy) {
    }

    /**
     * A quarantined item as it was received.
     *
     * @param channel     the channel it first came by ({@code http}, {@code smtp}, …)
     * @param coordinates where it came from, plus {@code quarantine-sha256}
     */
    public record Item(String channel, String origin, Map<String, String> coordinates, String mediaType,
            byte[] bytes) {
    }

    /** What the intake made of an item. */
    public sealed interface Resubmitted {
        /** Its reports are in Kafka. */
        record Published(int reports) implements Resubmitted {
        }

        /** Today's parser refuses it too. */
        record StillRefused() implements Resubmitted {
        }

        /** It parses, and the intake's policy refuses it. */
        record RefusedByPolicy(String reason) implements Resubmitted {
        }
    }

    /** Where items go again. */
    public interface Resubmission {
        /** @throws IOException when the item could not be handed over now (Kafka did not acknowledge) */
        Resubmitted submit(Item item) throws IOException;
    }

    private final ClickHouseConnector clickhouse;
    private final Resubmission intake;

    public Reprocessor(ClickHouseConnector clickhouse, Resubmission intake) {
        this.clickhouse = Objects.requireNonNull(clickhouse, "clickhouse");
        this.intake = Objects.requireNonNull(intake, "intake");
    }

    /** Hands every matching item to the intake, one after the other; stops at the first one it could not take. */
    public Outcome run(Filter filter) throws SQLException, IOException {
        int examined = 0;
        int published = 0;
        int refused = 0;
        int forbidden = 0;
        try (Connection connection = clickhouse.open(); PreparedStatement query = connection.prepareStatement(
                "SELECT sha256, origin, coordinates, media_type, hex(bytes), channel FROM quarantine FINAL"
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
                    @SuppressWarnings("unchecked")
                    Map<String, String> coordinates = new HashMap<>((Map<String, String>) rows.getObject(3));
                    coordinates.put("quarantine-sha256", rows.getString(1));
                    Item item = new Item(rows.getString(6), rows.getString(2), coordinates, rows.getString(4),
                            HexFormat.of().parseHex(rows.getString(5)));
                    Resubmitted result = intake.submit(item);
                    if (result instanceof Resubmitted.Published done) {
                        published += done.reports();
                    } else if (result instanceof Resubmitted.RefusedByPolicy) {
                        forbidden++;
                    } else {
                        refused++;
                    }
                }
            }
        }
        return new Outcome(examined, published, refused, forbidden);
    }
}
