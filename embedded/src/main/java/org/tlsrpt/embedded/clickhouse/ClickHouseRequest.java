package org.tlsrpt.embedded.clickhouse;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The parts of a request to ClickHouse's HTTP interface that do not depend on the body: credentials, output
 * format, database, query id, the {@code query} parameter, settings and query parameters ({@code param_*}).
 * Header forms win over URL parameters, as in ClickHouse.
 */
record ClickHouseRequest(
        String user,
        String password,
        String format,
        String database,
        String queryId,
        String queryParameter,
        Map<String, String> settings,
        Map<String, String> params) {

    static final String DEFAULT_FORMAT = "TabSeparated";

    /** URL parameters the HTTP interface consumes itself; everything else (but {@code param_*}) is a setting. */
    private static final Set<String> NOT_SETTINGS = Set.of("query", "database", "default_format", "query_id",
            "user", "password", "quota_key", "compress", "decompress", "buffer_size", "wait_end_of_query",
            "session_id", "session_timeout", "session_check", "close_session", "stacktrace", "role",
            "client_protocol_version", "enable_http_compression", "http_native_compression_disable_checksumming_on_decompress");

    /** Without the password, which the record's own {@code toString} would print wherever a request is logged. */
    @Override
    public String toString() {
        return "ClickHouseRequest[user=" + user + ", password=[redacted], format=" + format + ", database="
                + database + ", queryId=" + queryId + ", queryParameter=" + queryParameter + ", settings="
                + settings + ", params=" + params + "]";
    }

    static ClickHouseRequest of(String rawQuery, Headers headers) {
        Map<String, String> url = parseQueryString(rawQuery);
        String user = headers.getFirst("X-ClickHouse-User");
        String password = headers.getFirst("X-ClickHouse-Key");
        String authorization = headers.getFirst("Authorization");
        if (user == null && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        if (user == null) {
            user = url.get("user");
        }
        if (password == null) {
            password = url.get("password");
        }
        String format = firstNonBlank(headers.getFirst("X-ClickHouse-Format"), url.get("default_format"),
                DEFAULT_FORMAT);
        String database = firstNonBlank(headers.getFirst("X-ClickHouse-Database"), url.get("database"), null);
        String queryId = firstNonBlank(url.get("query_id"), headers.getFirst("X-ClickHouse-Query-Id"),
                UUID.randomUUID().toString());
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : url.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith("param_")) {
                params.put(name.substring("param_".length()), entry.getValue());
            } else if (!NOT_SETTINGS.contains(name)) {
                settings.put(name, entry.getValue());
            }
        }
        return new ClickHouseRequest(user == null || user.isEmpty() ? "default" : user,
                password == null ? "" : password, format, database, queryId, url.get("query"),
                Collections.unmodifiableMap(settings), Collections.unmodifiableMap(params));
    }

    static Map<String, String> parseQueryString(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.put(name, value);
        }
        return values;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        if (b != null && !b.isBlank()) {
            return b.trim();
        }
        return fallback;
    }
}
