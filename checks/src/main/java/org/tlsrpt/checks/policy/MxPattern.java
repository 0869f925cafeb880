package org.tlsrpt.checks.policy;

import java.util.Locale;
import java.util.regex.Pattern;
import org.tlsrpt.checks.Parsed;
import org.tlsrpt.checks.record.TxtFields;

/**
 * An {@code mx} value of an MTA-STS policy: a host name, or {@code *.} and a domain, matching a host with exactly
 * one more label on the left (RFC 8461 §3.2 and §4.1).
 *
 * @param pattern lower case, without a trailing dot
 */
public record MxPattern(String pattern) {

    // a host name: labels of letters, digits and hyphens, not starting or ending with a hyphen
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public static Parsed<MxPattern> parse(String text) {
        String pattern = stripDot(text.toLowerCase(Locale.ROOT));
        String host = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
        if (!HOST.matcher(host).matches()) {
            return Parsed.problem("mx '" + TxtFields.shorten(text) + "' is no host name pattern");
        }
        return Parsed.of(new MxPattern(pattern));
    }

    /** Whether the MX host (any case, trailing dot or not) matches this pattern. */
    public boolean matches(String mxHost) {
        String host = stripDot(mxHost.toLowerCase(Locale.ROOT));
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        String suffix = pattern.substring(1); // ".example.com"
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }

    static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
