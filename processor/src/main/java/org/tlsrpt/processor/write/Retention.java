package org.tlsrpt.processor.write;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import org.tlsrpt.storage.schema.SchemaDialect;

/**
 * How long the tables keep a report: its day plus {@code days} (the TTL {@code day + INTERVAL days DAY} of V001 to
 * V006, V009 and V012). ClickHouse drops a row whose TTL has passed already at insert, without a word; a report the
 * tables cannot keep must therefore be decided before the insert, so that it ends in quarantine instead.
 *
 * @param days  the configured retention ({@code tlsrpt.clickhouse.retention-days}), the same the migrations used
 * @param clock today's date in UTC, as ClickHouse's {@code now()} on a server in UTC
 */
public record Retention(int days, Clock clock) {

    public Retention {
        if (days < 1) {
            throw new IllegalArgumentException("retention must be at least one day, was " + days);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** The default retention, on the system clock. */
    public static Retention standard() {
        return new Retention(SchemaDialect.DEFAULT_RETENTION_DAYS, Clock.systemUTC());
    }

    /** Whether a report of {@code day} is kept: a row expires once {@code day + days} is today or earlier. */
    public boolean keeps(LocalDate day) {
        return day.plusDays(days).isAfter(LocalDate.now(clock));
    }

    /** The earliest day the tables keep today. */
    public LocalDate firstKeptDay() {
        return LocalDate.now(clock).minusDays(days - 1L);
    }
}
