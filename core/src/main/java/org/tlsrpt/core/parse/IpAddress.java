package org.tlsrpt.core.parse;

/**
 * Reads IPv4 and IPv6 addresses in their textual forms and writes them canonically: IPv4 dotted decimal,
 * IPv6 as RFC 5952 (lower case, compressed, IPv4-mapped addresses as {@code ::ffff:a.b.c.d}).
 * A small parser of its own: {@code InetAddress.getByName} would resolve anything that is not an address.
 */
public final class IpAddress {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private IpAddress() {
    }

    /**
     * The canonical text of {@code text} (already trimmed), or null when it is not an IP address. IPv4 with
     * leading zeros ({@code 010.0.0.1}) is refused: some readers take it as octal. Canonical input is returned
     * as the same instance.
     */
    public static String canonical(String text) {
        if (text.indexOf(':') >= 0) {
            return ipv6(text);
        }
        return ipv4(text, 0, text.length()) < 0 ? null : text;
    }

    /** The address as an unsigned 32-bit value, or -1 when {@code s[from..to)} is not dotted-decimal IPv4. */
    static long ipv4(String s, int from, int to) {
        int length = to - from;
        if (length < 7 || length > 15) {
            return -1;
        }
        long address = 0;
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return -1;
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return -1;
                }
            } else if (c == '.') {
                if (digits == 0 || ++parts > 3) {
                    return -1;
                }
                address = address << 8 | value;
                value = 0;
                digits = 0;
            } else {
                return -1;
            }
        }
        if (digits == 0 || parts != 3) {
            return -1;
        }
        return address << 8 | value;
    }

    private static String ipv6(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gapAt = -1;
        int i = 0;
        if (s.charAt(0) == ':') {
            if (s.charAt(1) != ':') {
                return null;
            }
            gapAt = 0;
            i = 2;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            int digit;
            while (i < n && i - start < 5 && (digit = hex(s.charAt(i))) >= 0) {
                value = value << 4 | digit;
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                long v4 = ipv4(s, start, n);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                break;
            }
            int length = i - start;
            if (length == 0 || length > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return null;
                }
                gapAt = count;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        if (gapAt >= 0) {
            if (count == 8) {
                return null;
            }
            int shift = 8 - count;
            for (int k = count - 1; k >= gapAt; k--) {
                groups[k + shift] = groups[k];
            }
            for (int k = gapAt; k < gapAt + shift; k++) {
                groups[k] = 0;
            }
        } else if (count != 8) {
            return null;
        }
        char[] out = new char[45];
        int length = format(groups, out);
        if (length == n) {
            boolean same = true;
            for (int k = 0; k < n && same; k++) {
                same = out[k] == s.charAt(k);
            }
            if (same) {
                return s;
            }
        }
        return new String(out, 0, length);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Writes RFC 5952 text into {@code out}; returns its length. */
    private static int format(int[] g, char[] out) {
        int at = 0;
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            for (char c : "::ffff:".toCharArray()) {
                out[at++] = c;
            }
            at = decimal(out, at, g[6] >>> 8);
            out[at++] = '.';
            at = decimal(out, at, g[6] & 0xff);
            out[at++] = '.';
            at = decimal(out, at, g[7] >>> 8);
            out[at++] = '.';
            return decimal(out, at, g[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out[at++] = ':';
                out[at++] = ':';
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                out[at++] = ':';
            }
            at = hexGroup(out, at, g[i]);
        }
        return at;
    }

    private static int hexGroup(char[] out, int at, int value) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int nibble = (value >>> shift) & 0xf;
            if (nibble != 0 || started || shift == 0) {
                out[at++] = HEX[nibble];
                started = true;
            }
        }
        return at;
    }

    private static int decimal(char[] out, int at, int value) {
        if (value >= 100) {
            out[at++] = (char) ('0' + value / 100);
        }
        if (value >= 10) {
            out[at++] = (char) ('0' + value / 10 % 10);
        }
        out[at++] = (char) ('0' + value % 10);
        return at;
    }
}
