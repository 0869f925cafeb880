package org.tlsrpt.core.decode;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a {@code Date} header: RFC 5322 first, then the shapes real senders use instead, such as the RFC 8460
 * example's {@code Fri, May 09 2017 16:54:30 -0800}. Null when nothing fits.
 */
final class MailDates {

    private static final List<DateTimeFormatter> FALLBACKS = List.of(
            pattern("MMM d yyyy HH:mm[:ss] Z"),
            pattern("MMM d yyyy HH:mm[:ss] z"),
            pattern("d MMM yyyy HH:mm[:ss] z"),
            pattern("MMM d HH:mm:ss yyyy[ Z]"),
            DateTimeFormatter.ISO_OFFSET_DATE_TIME);

    /** The day of the week is dropped before the fallbacks: senders get it wrong (the RFC 8460 example does). */
    private static final Pattern WEEKDAY = Pattern.compile("^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+",
            Pattern.CASE_INSENSITIVE);

    private MailDates() {
    }

    static Instant parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            Date date = new MailDateFormat().parse(value, new ParsePosition(0));
            if (date != null) {
                return date.toInstant();
            }
        } catch (RuntimeException ignored) {
            // fall through to the lenient shapes
        }
        String withoutWeekday = WEEKDAY.matcher(value).replaceFirst("");
        for (DateTimeFormatter format : FALLBACKS) {
            try {
                return format == DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        ? OffsetDateTime.parse(value, format).toInstant()
                        : ZonedDateTime.parse(withoutWeekday, format).toInstant();
            } catch (DateTimeParseException | ArithmeticException ignored) {
                // try the next shape
            }
        }
        return null;
    }

    private static DateTimeFormatter pattern(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }
}
