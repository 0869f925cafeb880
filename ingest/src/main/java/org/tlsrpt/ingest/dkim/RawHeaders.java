package org.tlsrpt.ingest.dkim;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.jdkim.api.Headers;

/**
 * A message's header fields exactly as received (folding kept), and where its body starts. jDKIM's own parser
 * (mime4j) refuses lines over 10,000 characters, which an uncompressed JSON report can have; the signature only
 * needs the raw fields and the body bytes, so the message is split here instead.
 *
 * <p>Fields are decoded with the platform charset because jDKIM hashes them with {@code String.getBytes()}.
 */
final class RawHeaders implements Headers {

    private final List<String> fields;
    private final int bodyStart;

    private RawHeaders(List<String> fields, int bodyStart) {
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    static RawHeaders of(byte[] message) {
        Charset charset = Charset.defaultCharset();
        List<String> fields = new ArrayList<>();
        int fieldStart = -1;
        int lineStart = 0;
        while (lineStart < message.length) {
            int lineEnd = lineStart;
            while (lineEnd < message.length && message[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > lineStart && message[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            int next = Math.min(lineEnd + 1, message.length);
            if (contentEnd == lineStart) { // the empty line: the body follows
                add(fields, message, fieldStart, lineStart, charset);
                return new RawHeaders(fields, next);
            }
            byte first = message[lineStart];
            if (first != ' ' && first != '\t') {
                add(fields, message, fieldStart, lineStart, charset);
                fieldStart = lineStart;
            }
            lineStart = next;
        }
        add(fields, message, fieldStart, message.length, charset);
        return new RawHeaders(fields, message.length);
    }

    /** A field from its first byte up to (not including) the line break that ends it. */
    private static void add(List<String> fields, byte[] message, int start, int end, Charset charset) {
        if (start < 0) {
            return;
        }
        int stop = end;
        if (stop > start && message[stop - 1] == '\n') {
            stop--;
        }
        if (stop > start && message[stop - 1] == '\r') {
            stop--;
        }
        String field = new String(message, start, stop - start, charset);
        if (field.indexOf(':') > 0) {
            fields.add(field);
        }
    }

    int bodyStart() {
        return bodyStart;
    }

    @Override
    public List<String> getFields() {
        return fields;
    }

    @Override
    public List<String> getFields(String name) {
        List<String> matching = new ArrayList<>();
        for (String field : fields) {
            int colon = field.indexOf(':');
            if (field.substring(0, colon).trim().equalsIgnoreCase(name)) {
                matching.add(field);
            }
        }
        return matching;
    }

    /** The first field's value, unfolded and trimmed; null when absent or empty. */
    String value(String name) {
        List<String> matching = getFields(name);
        if (matching.isEmpty()) {
            return null;
        }
        String field = matching.get(0);
        String value = field.substring(field.indexOf(':') + 1).replaceAll("\\r?\\n", "").trim();
        return value.isEmpty() ? null : value;
    }
}
