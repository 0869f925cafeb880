package org.tlsrpt.core.parse;

import java.net.IDN;
import java.util.Locale;

/**
 * Normalises host and domain names: lower case, no trailing dot, IDNs as A-labels. Allows a leading
 * {@code *.} (MTA-STS wildcards) and underscores (seen in real names). Never touches the DNS.
 */
public final class DomainName {

    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    private DomainName() {
    }

    /**
     * The normal form of {@code name} (already trimmed), or null when it cannot be read as a domain name.
     * A name that is already normal is returned as the same instance.
     */
    public static String normalize(String name) {
        if (isNormal(name)) {
            return name;
        }
        String ascii = lowerCase(name);
        if (!isAscii(ascii)) {
            try {
                ascii = lowerCase(IDN.toASCII(ascii, IDN.ALLOW_UNASSIGNED));
            } catch (IllegalArgumentException notConvertible) {
                return null;
            }
        }
        if (ascii.length() > 1 && ascii.charAt(ascii.length() - 1) == '.') {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        return isNormal(ascii) ? ascii : null;
    }

    /** Lower case without locale surprises; the fallback for names that cannot be normalised. */
    public static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} is a lower-case ASCII name of letters, digits, '-' and '_', with an optional {@code *.}. */
    static boolean isNormal(String name) {
        int length = name.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        int labelStart = 0;
        if (name.charAt(0) == '*') {
            if (length < 3 || name.charAt(1) != '.') {
                return false;
            }
            labelStart = 2;
        }
        int labelLength = 0;
        for (int i = labelStart; i < length; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                if (++labelLength > MAX_LABEL) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return labelLength > 0;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
