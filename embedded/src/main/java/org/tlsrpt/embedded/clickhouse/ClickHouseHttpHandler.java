package org.tlsrpt.embedded.clickhouse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * ClickHouse's HTTP interface over a {@link ChdbEngine}: enough of it for the official JDBC driver (jdbc-v2) and
 * for curl.
 *
 * <p>Loopback is not a boundary: every local user and every web page the operator opens can reach 127.0.0.1. So
 * besides the password, which every request but {@code /ping} must carry, this refuses what only a browser sends:
 * an {@code Origin} or {@code Sec-Fetch-Site} header (a page's {@code fetch} or form), a {@code Host} that names
 * no loopback address (a page on a DNS name rebound to 127.0.0.1; the port is not checked, so that a local TCP proxy
 * in front keeps working), and a query in a {@code GET} (an image or link a page
 * embeds; ClickHouse itself runs those read-only, the driver always POSTs).
 *
 * <p>Each request borrows one engine connection, switches database and applies URL settings on it, runs
 * the query, restores the settings and gives the connection back before the result is sent, so a slow client
 * never holds a connection.
 */
final class ClickHouseHttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(ClickHouseHttpHandler.class.getName());
    private static final byte[] OK = "Ok.\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Statements that change the session; their effect must end with the request, as over ClickHouse HTTP. */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern SESSION_CHANGE = Pattern.compile("(?is)^\\s*(USE|SET)\\s.*");

    private final ChdbEngine engine;
    private final QueryBodyReader bodies;
    private final String user;
    private final byte[] password;
    private final boolean trace;

    ClickHouseHttpHandler(ChdbEngine engine, QueryBodyReader bodies, String user, String password, boolean trace) {
        this.engine = engine;
        this.bodies = bodies;
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.trace = trace;
    }

    /** Headers that carry a password: the trace shows that they came, never their value. */
    private static final Set<String> SECRET_HEADERS = Set.of("x-clickhouse-key", "authorization",
            "proxy-authorization");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:^|[?&])password=)[^&]*");

    /** The TLSRPT_CHDB_TRACE line for a request, with the password redacted from headers and URL. */
    static String traceLine(String method, java.net.URI uri, Headers headers) {
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            shown.add(header.getKey() + "=" + (SECRET_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))
                    ? "[redacted]" : header.getValue()));
        }
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? ""
                : "?" + PASSWORD_PARAMETER.matcher(uri.getRawQuery()).replaceAll("$1[redacted]"));
        return method + " " + target + " headers=" + shown;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String refused = fromABrowser(exchange);
            if (refused != null) {
                send(exchange, 403, (refused + "\n").getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/ping") || path.equals("/replicas_status")) {
                send(exchange, 200, OK, "text/plain; charset=UTF-8");
                return;
            }
            ClickHouseRequest request = ClickHouseRequest.of(exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders());
            if (trace) {
                LOG.log(System.Logger.Level.INFO, traceLine(exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getRequestHeaders()));
            }
            if (!path.equals("/")) {
                sendError(exchange, request, ClickHouseErrors.message(ClickHouseErrors.BAD_ARGUMENTS,
                        "BAD_ARGUMENTS", "There is no handle " + path), 404);
                return;
            }
            if (!authenticated(request)) {
                sendError(exchange, request, ClickHouseErrors.message(ClickHouseErrors.AUTHENTICATION_FAILED,
                        "AUTHENTICATION_FAILED", request.user() + ": Authentication failed: password is incorrect, "
                                + "or there is no user with such name"), -1);
                return;
            }
            if (exchange.getRequestMethod().equalsIgnoreCase("GET") && request.queryParameter() != null) {
                send(exchange, 405, "a query must come by POST\n".getBytes(StandardCharsets.UTF_8),
                        "text/plain; charset=UTF-8");
                return;
            }
            QueryBody body = readBody(exchange, request);
            if (body == null) {
                send(exchange, 200, OK, "text/plain; charset=UTF-8");
                return;
            }
            execute(exchange, request, body);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request failed: " + e, e);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why this request looks like a web page's, or null when it does not. */
    private String fromABrowser(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        if (headers.containsKey("Origin") || headers.containsKey("Sec-Fetch-Site")) {
            return "refused: requests from web pages are not served";
        }
        String host = headers.getFirst("Host");
        if (host == null || !LOOPBACK_HOSTS.contains(hostName(host.trim().toLowerCase(Locale.ROOT)))) {
            return "refused: Host must be one of " + LOOPBACK_HOSTS;
        }
        return null;
    }

    /** A {@code Host} header without its port. */
    static String hostName(String host) {
        int end = host.startsWith("[") ? host.indexOf(']') + 1 : host.lastIndexOf(':');
        return end <= 0 ? host : host.substring(0, end);
    }

    private boolean authenticated(ClickHouseRequest request) {
        return request.user().equals(user)
                && MessageDigest.isEqual(request.password().getBytes(StandardCharsets.UTF_8), password);
    }

    private QueryBody readBody(HttpExchange exchange, ClickHouseRequest request) throws IOException {
        InputStream in = exchange.getRequestBody();
        long length = -1;
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            in = new GZIPInputStream(in, 64 * 1024);
        } else {
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        }
        if (exchange.getRequestMethod().equalsIgnoreCase("GET")) {
            in = InputStream.nullInputStream();
            length = -1;
        }
        return bodies.read(request.queryParameter(), in, length);
    }

    private void execute(HttpExchange exchange, ClickHouseRequest request, QueryBody body)
            throws IOException, InterruptedException {
        ChdbResult result = null;
        String failure = null;
        ChdbConnection connection = engine.borrow();
        List<String> applied = new ArrayList<>();
        boolean sessionChanged = SESSION_CHANGE.matcher(body.head()).matches();
        try {
            failure = prepare(connection, request, applied);
            if (failure == null) {
                result = body.run(connection, request.format(), request.params());
            }
        } finally {
            if (sessionChanged) {
                engine.replace(connection);
            } else {
                restore(connection, applied);
                engine.giveBack(connection);
            }
            body.release();
        }
        try {
            if (failure != null) {
                sendError(exchange, request, failure, -1);
            } else if (result.error() != null) {
                sendError(exchange, request, result.error(), -1);
            } else {
                sendResult(exchange, request, result);
            }
        } finally {
            if (result != null) {
                result.close();
            }
        }
    }

    /** Switches the session to the request's database and applies its settings; returns an error text or null. */
    private String prepare(ChdbConnection connection, ClickHouseRequest request, List<String> applied) {
        String database = request.database() == null ? "default" : request.database();
        if (!database.equals(connection.database())) {
            try (ChdbResult use = connection.query("USE " + quoteIdentifier(database), "TabSeparated")) {
                if (use.error() != null) {
                    connection.database(null);
                    return use.error();
                }
                connection.database(database);
            }
        }
        for (Map.Entry<String, String> setting : request.settings().entrySet()) {
            String name = setting.getKey();
            if (!SETTING_NAME.matcher(name).matches()) {
                return ClickHouseErrors.message(ClickHouseErrors.UNKNOWN_SETTING, "UNKNOWN_SETTING",
                        "Unknown setting '" + name + "'");
            }
            try (ChdbResult set = connection.query("SET " + name + " = " + quoteString(setting.getValue()),
                    "TabSeparated")) {
                if (set.error() != null) {
                    return set.error();
                }
                applied.add(name);
            }
        }
        return null;
    }

    private static void restore(ChdbConnection connection, List<String> applied) {
        for (String name : applied) {
            try (ChdbResult reset = connection.query("SET " + name + " = DEFAULT", "TabSeparated")) {
                if (reset.error() != null) {
                    LOG.log(System.Logger.Level.WARNING, "could not reset setting {0}: {1}", name, reset.error());
                }
            }
        }
    }

    private void sendResult(HttpExchange exchange, ClickHouseRequest request, ChdbResult result) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        commonHeaders(headers, request);
        headers.set("Content-Type", contentType(request.format()));
        headers.set("X-ClickHouse-Summary", result.summary().toHeader());
        long length = result.length();
        exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                result.writeTo(out);
            }
        }
    }

    private void sendError(HttpExchange exchange, ClickHouseRequest request, String error, int status)
            throws IOException {
        int code = ClickHouseErrors.codeOf(error);
        Headers headers = exchange.getResponseHeaders();
        commonHeaders(headers, request);
        headers.set("X-ClickHouse-Exception-Code", Integer.toString(code));
        String text = error.endsWith("\n") ? error : error + " (version " + engine.version() + ")\n";
        send(exchange, status > 0 ? status : ClickHouseErrors.httpStatus(code), text.getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8");
    }

    private void commonHeaders(Headers headers, ClickHouseRequest request) {
        headers.set("X-ClickHouse-Query-Id", request.queryId());
        headers.set("X-ClickHouse-Format", request.format());
        headers.set("X-ClickHouse-Timezone", engine.timezone());
        headers.set("X-ClickHouse-Server-Display-Name", "tlsrpt-chdb");
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String contentType(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
            return "text/tab-separated-values; charset=UTF-8";
        }
        if (f.startsWith("csv")) {
            return "text/csv; charset=UTF-8; header=absent";
        }
        if (f.startsWith("json")) {
            return "application/json; charset=UTF-8";
        }
        if (f.startsWith("pretty") || f.equals("vertical") || f.equals("values") || f.startsWith("template")) {
            return "text/plain; charset=UTF-8";
        }
        return "application/octet-stream";
    }

    private static String quoteIdentifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
