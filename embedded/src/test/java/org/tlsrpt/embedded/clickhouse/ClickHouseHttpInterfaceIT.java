package org.tlsrpt.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
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
