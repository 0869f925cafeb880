package org.tlsrpt.api.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a token as handed out: {@code tlsrpt_<id>_<secret>}, a public id (12 hex digits, shown by
 * {@code token list}) and 32 random bytes. The id finds the stored hash; the whole text is what is hashed. A
 * configured token ({@code TLSRPT_API_TOKEN}) may be any text; it has the fixed id {@value #ENVIRONMENT_ID}.
 */
public record TokenText(String id, String text) {

    public static final String ENVIRONMENT_ID = "environment";
    private static final Pattern FORMAT = Pattern.compile("tlsrpt_([0-9a-f]{12})_[A-Za-z0-9_-]{43}");
    private static final int MAX_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static TokenText generate() {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String idHex = HexFormat.of().formatHex(id);
        return new TokenText(idHex, "tlsrpt_" + idHex + "_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(secret));
    }

    /** The id a presented token claims; null for text that cannot be a token at all. */
    public static TokenText presented(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        Matcher matcher = FORMAT.matcher(text);
        return new TokenText(matcher.matches() ? matcher.group(1) : ENVIRONMENT_ID, text);
    }
}
