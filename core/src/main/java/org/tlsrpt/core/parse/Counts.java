package org.tlsrpt.core.parse;

import java.math.BigDecimal;

/**
 * Reads a session count from the text of a JSON number or string. Returns the count, or one of the negative
 * constants saying why it is not one; no exceptions, no allocation for plain integers.
 */
final class Counts {

    static final long NEGATIVE = -1;
    static final long FRACTIONAL = -2;
    static final long NOT_A_NUMBER = -3;
    static final long TOO_LARGE = -4;

    /** Longer texts are not believable counts: refused without handing them to BigDecimal. */
    private static final int MAX_TEXT = 100;

    private Counts() {
    }

    /** @param text trimmed number text; @param max largest believable count */
    static long parse(String text, long max) {
        int n = text.length();
        if (n == 0) {
            return NOT_A_NUMBER;
        }
        if (n <= 18) {
            long value = 0;
            int i = 0;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
            }
            if (i == n) {
                return value > max ? TOO_LARGE : value;
            }
        }
        if (n > MAX_TEXT) {
            char first = text.charAt(0);
            return first == '-' ? NEGATIVE : (first >= '0' && first <= '9') || first == '+' ? TOO_LARGE : NOT_A_NUMBER;
        }
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            return NOT_A_NUMBER;
        }
        if (decimal.signum() < 0) {
            return NEGATIVE;
        }
        if (decimal.signum() == 0) {
            return 0;
        }
        if (decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
            return TOO_LARGE;
        }
        if (decimal.stripTrailingZeros().scale() > 0) {
            return FRACTIONAL;
        }
        return decimal.longValueExact();
    }

    /** Whether {@code text} is a plain run of digits (an integer written without sign, fraction or exponent). */
    static boolean isPlainInteger(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
