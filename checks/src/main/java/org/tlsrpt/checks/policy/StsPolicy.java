package org.tlsrpt.checks.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.tlsrpt.checks.Parsed;
import org.tlsrpt.checks.record.TxtFields;

/**
 * An MTA-STS policy (RFC 8461 §3.2): {@code key: value} lines with {@code version: STSv1}, {@code mode},
 * {@code max_age} and, unless the mode is {@code none}, one or more {@code mx}. Unknown keys are ignored, as the
 * RFC asks; a known key given twice (other than {@code mx}) is taken from its first line.
 *
 * @param mode   enforce, testing or none
 * @param maxAge seconds a sender may cache the policy, 0 to {@link #MAX_AGE_LIMIT}
 * @param mx     the patterns, in the policy's order
 */
public record StsPolicy(StsMode mode, long maxAge, List<MxPattern> mx) {

    /** RFC 8461 §3.2: "maximum value of 31557600" (a year). */
    public static final long MAX_AGE_LIMIT = 31_557_600;
    /** Bytes of policy we read at most; RFC 8461 §3.3 lets senders bound it and real policies are tiny. */
    public static final int MAX_POLICY_BYTES = 64 * 1024;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,10}");

    public StsPolicy {
        mx = List.copyOf(mx);
    }

    /** Whether a host is matched by one of the patterns (RFC 8461 §4.1). */
    public boolean covers(String mxHost) {
        return mx.stream().anyMatch(pattern -> pattern.matches(mxHost));
    }

    public static Parsed<StsPolicy> parse(String text) {
        if (text.length() > MAX_POLICY_BYTES) {
            return Parsed.problem("policy longer than " + MAX_POLICY_BYTES + " characters");
        }
        // RFC 8461 §3.2 says CRLF; senders in the field (and mta-sts-query) also take bare LF.
        String[] lines = text.split("\r?\n", -1);
        String version = null;
        String mode = null;
        String maxAge = null;
        List<MxPattern> mx = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                return Parsed.problem("line '" + TxtFields.shorten(line) + "' is no key: value");
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            if (!KEY.matcher(key).matches()) {
                return Parsed.problem("invalid key '" + TxtFields.shorten(key) + "'");
            }
            boolean first = seen.add(key);
            switch (key) {
                case "version" -> version = first ? value : version;
                case "mode" -> mode = first ? value : mode;
                case "max_age" -> maxAge = first ? value : maxAge;
                case "mx" -> {
                    Parsed<MxPattern> pattern = MxPattern.parse(value);
                    if (!pattern.valid()) {
                        return Parsed.problem(pattern.problem());
                    }
                    mx.add(pattern.value());
                }
                default -> {
                    // RFC 8461 §3.2: extension keys are ignored
                }
            }
        }
        if (version == null) {
            return Parsed.problem("no version");
        }
        if (!version.equals("STSv1")) {
            return Parsed.problem("version '" + TxtFields.shorten(version) + "' is not STSv1");
        }
        if (mode == null) {
            return Parsed.problem("no mode");
        }
        StsMode parsedMode = StsMode.ofCode(mode);
        if (parsedMode == null) {
            return Parsed.problem("mode '" + TxtFields.shorten(mode) + "' is not enforce, testing or none");
        }
        if (maxAge == null) {
            return Parsed.problem("no max_age");
        }
        if (!MAX_AGE.matcher(maxAge).matches()) {
            return Parsed.problem("max_age '" + TxtFields.shorten(maxAge) + "' is not 1 to 10 digits");
        }
        long age = Long.parseLong(maxAge);
        if (age > MAX_AGE_LIMIT) {
            return Parsed.problem("max_age " + age + " exceeds " + MAX_AGE_LIMIT);
        }
        if (mx.isEmpty() && parsedMode != StsMode.NONE) {
            return Parsed.problem("no mx patterns (required unless mode is none)");
        }
        return Parsed.of(new StsPolicy(parsedMode, age, mx));
    }
}
