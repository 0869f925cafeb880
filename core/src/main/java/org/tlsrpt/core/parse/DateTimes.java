package org.tlsrpt.core.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Reads RFC 3339 date-times (offsets, fractions, lower-case {@code t}/{@code z}, a space for {@code T}) and the
 * two forms senders use instead: no zone (read as UTC) and a bare date (midnight UTC). Writes RFC 3339 in UTC.
 * Hand-written because it runs twice per report on the hot path.
 */
public final class DateTimes {

    /** How a date-time was written. */
    public enum Form {
        RFC3339,
        WITHOUT_ZONE,
        DATE_ONLY
    }

    /** A date-time that could be read, and how it was written. */
    public record Reading(Instant instant, Form form) {
    }

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private DateTimes() {
    }

    /** Reads {@code text} (already trimmed); null when it is not a date-time in any accepted form. */
    public static Reading parse(String text) {
        int n = text.length();
        if (n < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        if (n == 10) {
            return new Reading(Instant.ofEpochSecond(epochDay * 86_400), Form.DATE_ONLY);
        }
        char t = text.charAt(10);
        if ((t != 'T' && t != 't' && t != ' ') || n < 19 || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return null;
        }
        if (second == 60) {
            second = 59; // a leap second: Instant has none, as java.time does
        }
        int i = 19;
        int nanos = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            int start = i;
            int scale = 100_000_000;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                nanos += (text.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start) {
                return null;
            }
        }
        long seconds = epochDay * 86_400 + hour * 3_600L + minute * 60L + second;
        if (i == n) {
            return new Reading(Instant.ofEpochSecond(seconds, nanos), Form.WITHOUT_ZONE);
        }
        char zone = text.charAt(i);
        if ((zone == 'Z' || zone == 'z') && i + 1 == n) {
            return new Reading(Instant.ofEpochSecond(seconds, nanos), Form.RFC3339);
        }
        if ((zone == '+' || zone == '-') && i + 6 == n && text.charAt(i + 3) == ':') {
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            int offset = offsetHours * 3_600 + offsetMinutes * 60;
            seconds -= zone == '+' ? offset : -offset;
            return new Reading(Instant.ofEpochSecond(seconds, nanos), Form.RFC3339);
        }
        return null;
    }

    /** RFC 3339 in UTC with {@code Z}: seconds always, a fraction only when there is one. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        int nanos = instant.getNano();
        char[] out = new char[nanos == 0 ? 20 : 30];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int end = 19;
        if (nanos != 0) {
            out[end++] = '.';
            put(out, end, nanos, 9);
            end += 9;
            while (out[end - 1] == '0') {
                end--;
            }
        }
        out[end++] = 'Z';
        return new String(out, 0, end);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
            return 29;
        }
        return DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
