package org.tlsrpt.api.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * UTC days {@code from} to {@code to}, both included (a report's day is the UTC date of its start-datetime).
 *
 * @param from first day
 * @param to   last day, not before {@code from}
 */
public record Period(LocalDate from, LocalDate to) {

    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public Period {
        if (to.isBefore(from)) {
            throw new InvalidParameterException("from", "from " + from + " is after to " + to);
        }
    }

    /**
     * The period a request asks for: {@code to} defaults to {@code today}, {@code from} to {@code defaultDays}
     * days ending at {@code to}; longer than {@code maxDays} is refused.
     */
    public static Period parse(String from, String to, LocalDate today, int defaultDays, int maxDays) {
        LocalDate last = to == null || to.isEmpty() ? today : day("to", to);
        LocalDate first = from == null || from.isEmpty() ? last.minusDays(defaultDays - 1L) : day("from", from);
        Period period = new Period(first, last);
        if (period.days() > maxDays) {
            throw new InvalidParameterException("from", "the range " + first + " to " + last + " covers "
                    + period.days() + " days; at most " + maxDays + " are allowed");
        }
        return period;
    }

    private static LocalDate day(String name, String text) {
        if (!ISO_DAY.matcher(text).matches()) {
            throw new InvalidParameterException(name, name + " must be a date as YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, name + " is not a calendar date: " + text);
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
