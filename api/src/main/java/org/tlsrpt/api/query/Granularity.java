package org.tlsrpt.api.query;

import java.time.LocalDate;

/**
 * How finely a time series is bucketed ({@code granularity=} of the summary and the failure breakdown). Months are
 * summed from the daily aggregate tables, so a ten-year range reads at most 3,653 daily rows per key, never the
 * raw rows; a day-by-day answer keeps the shorter configured limit ({@code tlsrpt.api.max-range-days}).
 */
public enum Granularity {
    DAY("day", "day"),
    MONTH("month", "toStartOfMonth(day)");

    /** The longest range a month-by-month answer may cover: ten years (with their leap days). */
    public static final int MAX_MONTH_RANGE_DAYS = 3653;

    private final String requestName;
    private final String bucket;

    Granularity(String requestName, String bucket) {
        this.requestName = requestName;
        this.bucket = bucket;
    }

    public String requestName() {
        return requestName;
    }

    /** The SQL expression of a row's bucket over the {@code day} column: one of two fixed texts, never input. */
    String bucket() {
        return bucket;
    }

    /** The longest range this granularity allows, given the configured one for daily data. */
    public int maxRangeDays(int maxDailyRangeDays) {
        return this == MONTH ? Math.max(MAX_MONTH_RANGE_DAYS, maxDailyRangeDays) : maxDailyRangeDays;
    }

    /** The first day of the bucket {@code day} falls in. */
    public LocalDate bucketOf(LocalDate day) {
        return this == MONTH ? day.withDayOfMonth(1) : day;
    }

    /** {@code day} or {@code month}; {@code fallback} when absent; anything else is refused. */
    public static Granularity parse(String text, Granularity fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        for (Granularity granularity : values()) {
            if (granularity.requestName.equals(text)) {
                return granularity;
            }
        }
        throw new InvalidParameterException("granularity", "granularity must be day or month");
    }
}
