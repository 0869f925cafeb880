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
            while (i < n && i - start < 5 && (digit = Character.digit(s.charAt(i), 16)) >= 0 && s.charAt(i) < 0x80) {
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
                i = n;
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
            System.arraycopy(groups, gapAt, groups, gapAt + shift, count - gapAt);
            java.util.Arrays.fill(groups, gapAt, gapAt + shift, 0);
        } else if (count != 8) {
            return null;
        }
        String canonical = format(groups);
        return canonical.equals(s) ? s : canonical;
    }

    private static String format(int[] g) {
        StringBuilder out = new StringBuilder(39);
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return out.append("::ffff:").append(g[6] >>> 8).append('.').append(g[6] & 0xff).append('.')
                    .append(g[7] >>> 8).append('.').append(g[7] & 0xff).toString();
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
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                out.append(':');
            }
            appendHex(out, g[i]);
        }
        return out.toString();
    }

    private static void appendHex(StringBuilder out, int value) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int nibble = (value >>> shift) & 0xf;
            if (nibble != 0 || started || shift == 0) {
                out.append(HEX[nibble]);
                started = true;
            }
        }
    }
}
