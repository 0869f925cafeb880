package org.tlsrpt.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTTP interface as curl and other non-JDBC clients see it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseHttpInterfaceIT {

    private EmbeddedClickHouse clickhouse;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        clickhouse = EmbeddedClickHouse.start(EmbeddedClickHouseConfig.defaults(
                Files.createTempDirectory("tlsrpt-chdb-http")).withPort(0));
    }

    @AfterAll
    void stop() {
        clickhouse.close();
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        String url = clickhouse.httpUrl() + (query == null ? "" : "?" + query);
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((clickhouse.config().user() + ":"
                + clickhouse.config().password()).getBytes(StandardCharsets.UTF_8));
    }

    /** One HTTP/1.1 request written by hand, so that any Host header can be sent; the status code it got. */
    private int raw(String method, String target, String host, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", clickhouse.port())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\nContent-Length: 0\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private long attackRows() throws Exception {
        return Long.parseLong(post(null, "SELECT count() FROM attack").body().trim());
    }

    @Test
    void aRequestWithoutTheGeneratedPasswordRunsNothing() throws Exception {
        post(null, "CREATE TABLE IF NOT EXISTS attack (s String) ENGINE = MergeTree ORDER BY s");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(clickhouse.httpUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("INSERT INTO attack VALUES ('anonymous')")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("516");
        HttpResponse<String> guessed = http.send(HttpRequest.newBuilder(URI.create(clickhouse.httpUrl()))
                .header("X-ClickHouse-User", "default").header("X-ClickHouse-Key", "")
                .POST(HttpRequest.BodyPublishers.ofString("INSERT INTO attack VALUES ('no password')")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(guessed.statusCode()).isEqualTo(403);
        assertThat(attackRows()).isZero();
    }

    @Test
    void aPageTheOperatorVisitsCannotWriteByLinkOrImage() throws Exception {
        post(null, "CREATE TABLE IF NOT EXISTS attack (s String) ENGINE = MergeTree ORDER BY s");
        String target = "/?query=" + q("INSERT INTO attack VALUES ('csrf')");
        String host = "127.0.0.1:" + clickhouse.port();
        // what <img src="http://127.0.0.1:8123/?query=INSERT..."> sends: no Origin, no credentials
        assertThat(raw("GET", target, host)).isIn(403, 405);
        // even with the password (a page cannot know it), a GET runs no statement
        assertThat(raw("GET", target, host, "Authorization: " + basic())).isEqualTo(405);
        assertThat(attackRows()).isZero();
    }

    @Test
    void aRequestAWebPageMakesIsRefusedEvenWithThePassword() throws Exception {
        post(null, "CREATE TABLE IF NOT EXISTS attack (s String) ENGINE = MergeTree ORDER BY s");
        String target = "/?query=" + q("INSERT INTO attack VALUES ('fetch')");
        String host = "127.0.0.1:" + clickhouse.port();
        assertThat(raw("POST", target, host, "Origin: https://evil.example", "Authorization: " + basic()))
                .isEqualTo(403);
        assertThat(raw("POST", target, host, "Sec-Fetch-Site: cross-site", "Authorization: " + basic()))
                .isEqualTo(403);
        assertThat(raw("GET", "/ping", host, "Origin: https://evil.example")).isEqualTo(403);
        assertThat(attackRows()).isZero();
    }

    @Test
    void aRequestForAnotherHostNameIsRefused() throws Exception {
        post(null, "CREATE TABLE IF NOT EXISTS attack (s String) ENGINE = MergeTree ORDER BY s");
        String target = "/?query=" + q("INSERT INTO attack VALUES ('rebound')");
        // DNS rebinding: the browser believes it talks to evil.example, which now resolves to 127.0.0.1
        assertThat(raw("POST", target, "evil.example:" + clickhouse.port(), "Authorization: " + basic()))
                .isEqualTo(403);
        assertThat(raw("POST", target, "evil.example", "Authorization: " + basic())).isEqualTo(403);
        assertThat(raw("POST", target, "127.0.0.1.evil.example", "Authorization: " + basic())).isEqualTo(403);
        assertThat(raw("GET", "/ping", "localhost:" + clickhouse.port())).isEqualTo(200);
        assertThat(raw("GET", "/ping", "127.0.0.1:" + clickhouse.port())).isEqualTo(200);
        assertThat(raw("GET", "/ping", "[::1]:" + clickhouse.port())).isEqualTo(200);
        assertThat(attackRows()).isZero();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void pingAnswersOk() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(clickhouse.httpUrl() + "ping"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Ok.\n");
    }

    @Test
    void answersAQueryInTheBodyWithSummaryQueryIdAndFormatHeaders() throws Exception {
        HttpResponse<String> response = post("query_id=my-id", "SELECT number FROM system.numbers LIMIT 3");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0\n1\n2\n");
        assertThat(response.headers().firstValue("X-ClickHouse-Query-Id")).hasValue("my-id");
        assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("TabSeparated");
        assertThat(response.headers().firstValue("X-ClickHouse-Timezone")).isPresent();
        assertThat(response.headers().firstValue("X-ClickHouse-Summary").orElseThrow()).contains("\"result_rows\":\"3\"");
    }

    @Test
    void takesTheFormatDatabaseSettingsAndParametersFromTheUrl() throws Exception {
        post(null, "CREATE DATABASE IF NOT EXISTS other");
        HttpResponse<String> response = post("database=other&default_format=JSONEachRow&max_threads=3&param_n=41",
                "SELECT currentDatabase() AS db, getSetting('max_threads') AS t, {n:UInt8} + 1 AS n");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"db\":\"other\",\"t\":3,\"n\":42}\n");
        // settings and database do not leak into the next request
        assertThat(post(null, "SELECT currentDatabase(), getSetting('max_threads') = 3").body())
                .isEqualTo("default\t0\n");
    }

    @Test
    void setAndUseSentByAClientEndWithTheirRequest() throws Exception {
        post(null, "CREATE DATABASE IF NOT EXISTS elsewhere");
        // more requests than connections, so every pooled connection would have been touched
        for (int i = 0; i < 8; i++) {
            assertThat(post(null, "SET max_threads = 5").statusCode()).isEqualTo(200);
            assertThat(post(null, "USE elsewhere").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(post(null, "SELECT currentDatabase(), getSetting('max_threads') = 5").body())
                    .isEqualTo("default\t0\n");
        }
    }

    @Test
    void insertsDataFromTheBodyAfterTheQueryParameterSmallAndLarge() throws Exception {
        post(null, "CREATE TABLE IF NOT EXISTS ins (id UInt64, s String) ENGINE = MergeTree ORDER BY id");
        assertThat(post("query=" + q("INSERT INTO ins FORMAT CSV"), "1,a\n2,b\n").statusCode()).isEqualTo(200);
        StringBuilder big = new StringBuilder();
        for (int i = 10; i < 200_010; i++) {
            big.append(i).append(",row-").append(i).append('\n');
        }
        HttpResponse<String> response = post("query=" + q("INSERT INTO ins FORMAT CSV"), big.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-ClickHouse-Summary").orElseThrow())
                .contains("\"written_rows\":\"200000\"");
        assertThat(post(null, "SELECT count() FROM ins").body()).isEqualTo("200002\n");
    }

    @Test
    void reportsErrorsWithTheClickHouseCodeAndStatus() throws Exception {
        HttpResponse<String> syntax = post(null, "SELEC 1");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(syntax.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("62");
        assertThat(syntax.body()).startsWith("Code: 62. DB::Exception: Syntax error");

        HttpResponse<String> missing = post(null, "SELECT * FROM nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("60");

        HttpResponse<String> setting = post("no_such_setting=1", "SELECT 1");
        assertThat(setting.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("115");
    }

    @Test
    void streamsALargeResult() throws Exception {
        HttpResponse<String> response = post(null, "SELECT number, toString(number) FROM numbers(500000)");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().count()).isEqualTo(500_000);
        assertThat(response.body()).endsWith("499999\t499999\n");
    }
}
