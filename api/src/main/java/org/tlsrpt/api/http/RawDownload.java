package org.tlsrpt.api.http;

import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;

/**
 * Serves stored bytes as a download. The media type was declared by whoever sent them, so only known report
 * types are passed on (anything else becomes application/octet-stream), and the browser is told not to sniff or
 * render: the dashboard shares this origin, and raw bytes are attacker-controlled.
 */
final class RawDownload {

    private static final Map<String, String> EXTENSIONS = Map.of(
            "application/tlsrpt+json", "json",
            "application/tlsrpt+gzip", "json.gz",
            "application/json", "json",
            "application/gzip", "gz",
            "application/x-gzip", "gz",
            "application/zip", "zip",
            "message/rfc822", "eml",
            "application/octet-stream", "bin");

    private RawDownload() {
    }

    static Response of(byte[] bytes, String declaredType, String name) {
        String type = declaredType == null ? "" : declaredType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!EXTENSIONS.containsKey(type)) {
            type = "application/octet-stream";
        }
        return Response.ok(bytes, type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "." + EXTENSIONS.get(type) + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .build();
    }
}
