package org.tlsrpt.core.parse;

import com.fasterxml.jackson.core.JsonStreamContext;

/** Writes where a streaming parser is as a JSON path ({@code $.policies[1].failure-details[3]}). Only on findings. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(JsonStreamContext context) {
        if (context == null) {
            return "$";
        }
        StringBuilder path = new StringBuilder(64).append('$');
        append(path, context);
        return path.toString();
    }

    private static void append(StringBuilder path, JsonStreamContext context) {
        if (context.getParent() != null) {
            append(path, context.getParent());
        }
        if (context.inArray()) {
            if (context.getEntryCount() > 0) {
                path.append('[').append(context.getEntryCount() - 1).append(']');
            }
        } else if (context.inObject() && context.getCurrentName() != null) {
            path.append('.').append(context.getCurrentName());
        }
    }

    /** A user-supplied value for a message: quoted, shortened, on one line. */
    static String quote(String value) {
        String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.append('"').toString();
    }
}
