package org.tlsrpt.checks;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** A policy domain as given by a person or a report: made ASCII (IDNA), lower case, without a trailing dot. */
public final class DomainName {

    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private DomainName() {
    }

    public static Parsed<String> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 300) {
            return Parsed.problem("no domain name");
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        try {
            name = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Parsed.problem("'" + org.tlsrpt.checks.record.TxtFields.shorten(text) + "' is no domain name");
        }
        if (!NAME.matcher(name).matches()) {
            return Parsed.problem("'" + org.tlsrpt.checks.record.TxtFields.shorten(text) + "' is no domain name");
        }
        return Parsed.of(name);
    }
}
