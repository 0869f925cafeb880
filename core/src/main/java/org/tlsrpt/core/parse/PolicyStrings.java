package org.tlsrpt.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoes a quirk of Microsoft's TLSA reports: a {@code policy-string} that is one string holding a
 * JSON-encoded array of the real lines ({@code ["[\"3 1 1 ab..\",\"3 1 1 cd..\"]"]}).
 */
final class PolicyStrings {

    private PolicyStrings() {
    }

    /** Whether {@code line} could be a JSON-encoded array: worth trying {@link #decode}. */
    static boolean looksEncoded(String line) {
        return line.length() >= 2 && line.charAt(0) == '[' && line.charAt(line.length() - 1) == ']';
    }

    /** The inner strings, trimmed, or null when {@code line} is not a JSON array of strings. */
    static List<String> decode(JsonFactory factory, String line) {
        try (JsonParser inner = factory.createParser(line)) {
            if (inner.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> lines = new ArrayList<>();
            JsonToken token;
            while ((token = inner.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.VALUE_STRING) {
                    return null;
                }
                lines.add(inner.getText().trim());
            }
            return inner.nextToken() == null ? lines : null;
        } catch (IOException | RuntimeException notAnArray) {
            return null;
        }
    }
}
