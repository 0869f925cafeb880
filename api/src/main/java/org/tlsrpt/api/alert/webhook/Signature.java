package org.tlsrpt.api.alert.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature, one header {@value #HEADER}: {@code t=<unix seconds>,id=<event id>,v1=<hex>}, where
 * {@code v1} is the HMAC-SHA256, keyed with the secret's UTF-8 bytes, of {@code "<t>.<id>."} followed by the exact
 * body bytes. The time and the event id are signed with the body so that a receiver can refuse a replay: a captured
 * delivery sent again later carries an old {@code t} (outside {@link #REPLAY_WINDOW}); changing {@code t} or
 * {@code id} breaks the HMAC; within the window, the event id it has already seen gives the copy away.
 */
public final class Signature {

    public static final String HEADER = "X-Tlsrpt-Signature";
    public static final String EVENT_HEADER = "X-Tlsrpt-Event-Id";
    public static final String DELIVERY_HEADER = "X-Tlsrpt-Delivery-Id";
    /** How far a delivery's {@code t} may be from the receiver's clock, either way (docs/alerts.md). */
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern HMAC = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signature() {
    }

    /** The header value for a delivery of {@code body} for event {@code eventId} at {@code timestamp}. */
    public static String sign(String secret, long timestamp, String eventId, byte[] body) {
        return "t=" + timestamp + ",id=" + eventId + ",v1=" + hmac(secret, timestamp, eventId, body);
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret} at a time within {@link #REPLAY_WINDOW} of
     * {@code now}; the HMAC is compared in constant time. A receiver still drops event ids it has seen.
     */
    public static boolean verify(String secret, byte[] body, String header, Instant now) {
        if (header == null) {
            return false;
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.strip().split(",", 8)) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.putIfAbsent(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
            }
        }
        String t = parts.getOrDefault("t", "");
        String id = parts.getOrDefault("id", "");
        String v1 = parts.getOrDefault("v1", "");
        if (!TIMESTAMP.matcher(t).matches() || !EVENT_ID.matcher(id).matches() || !HMAC.matcher(v1).matches()) {
            return false;
        }
        long timestamp = Long.parseLong(t);
        if (Math.abs(now.getEpochSecond() - timestamp) > REPLAY_WINDOW.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, timestamp, id, body).getBytes(StandardCharsets.US_ASCII),
                v1.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String secret, long timestamp, String eventId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "." + eventId + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A new secret: 32 random bytes, base64url without padding (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
