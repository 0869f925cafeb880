package org.tlsrpt.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** The period a report covers. {@link #day()} is the day the report counts for: the UTC date of the start. */
public record DateRange(Instant start, Instant end) {

    public DateRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public LocalDate day() {
        return LocalDate.ofInstant(start, ZoneOffset.UTC);
    }
}
