package org.tlsrpt.checks.record;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.tlsrpt.checks.Parsed;

/**
 * The shared shape of the TLSRPT (RFC 8460 §3) and MTA-STS (RFC 8461 §3.1) TXT records:
 * {@code v=VERSION} first, then {@code name=value} fields separated by {@code ;} with optional spaces or tabs
 * around it, and an optional trailing {@code ;}.
 */
public final class TxtFields {

    /** A TXT record longer than this is no honest record (the limit also bounds the parser's work). */
    public static final int MAX_RECORD_CHARS = 4096;

    // RFC 8460 §3 and RFC 8461 §3.1: field name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    // and its value: 1*(%x21-3A / %x3C / %x3E-7E), printable ASCII except ";" and "=", no spaces
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x3a\\x3c\\x3e-\\x7e]+");

    /** One {@code name=value}. */
    public record Field(String name, String value) {
    }

    private TxtFields() {
    }

    /** True when the record starts with {@code v=VERSION} followed by a delimiter or its end. */
    public static boolean hasVersion(String record, String version) {
        String start = "v=" + version;
        if (!record.startsWith(start)) {
            return false;
        }
        String rest = record.substring(start.length());
        return rest.isEmpty() || rest.charAt(0) == ';' || rest.charAt(0) == ' ' || rest.charAt(0) == '\t';
    }

    /** The fields after the version, or what is wrong with the record. */
    public static Parsed<List<Field>> parse(String record, String version) {
        if (record.length() > MAX_RECORD_CHARS) {
            return Parsed.problem("record longer than " + MAX_RECORD_CHARS + " characters");
        }
        if (!hasVersion(record, version)) {
            return Parsed.problem("does not start with v=" + version);
        }
        List<Field> fields = new ArrayList<>();
        String[] parts = record.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String part = trimWsp(parts[i]);
            if (part.isEmpty()) {
                if (i == parts.length - 1) {
                    break; // the optional trailing delimiter
                }
                return Parsed.problem("empty field between ';'");
            }
            int equals = part.indexOf('=');
            if (equals < 0) {
                return Parsed.problem("field '" + shorten(part) + "' has no '='");
            }
            String name = part.substring(0, equals);
            String value = part.substring(equals + 1);
            if (!NAME.matcher(name).matches()) {
                return Parsed.problem("invalid field name '" + shorten(name) + "'");
            }
            if (!VALUE.matcher(value).matches() && !name.equals("rua")) {
                return Parsed.problem("invalid value of " + name + ": '" + shorten(value) + "'");
            }
            fields.add(new Field(name, value));
        }
        if (!trimWsp(parts[0]).equals("v=" + version)) {
            return Parsed.problem("does not start with v=" + version);
        }
        return Parsed.of(List.copyOf(fields));
    }

    /** The record's strings joined, as RFC 8460 §3 and RFC 8461 §3.1 say. */
    public static String join(List<String> strings) {
        return String.join("", strings);
    }

    static String trimWsp(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Puts a piece of hostile input into a message: bounded and printable. */
    public static String shorten(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 60; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 60 ? out + "…" : out.toString();
    }
}
