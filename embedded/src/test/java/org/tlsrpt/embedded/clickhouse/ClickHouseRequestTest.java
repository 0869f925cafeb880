package org.tlsrpt.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClickHouseRequestTest {

    @Test
    void headersWinOverUrlParametersAndUnknownParametersAreSettings() {
        Headers headers = new Headers();
        headers.add("X-ClickHouse-Format", "RowBinaryWithNamesAndTypes");
        headers.add("X-ClickHouse-Database", "tlsrpt");
        headers.add("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("alice:p:w".getBytes(StandardCharsets.UTF_8)));
        ClickHouseRequest request = ClickHouseRequest.of(
                "default_format=CSV&database=x&query_id=q1&max_threads=2&param_day=2026-01-01&compress=0"
                        + "&query=SELECT%20%7Bday%3ADate%7D", headers);
        assertThat(request.format()).isEqualTo("RowBinaryWithNamesAndTypes");
        assertThat(request.database()).isEqualTo("tlsrpt");
        assertThat(request.user()).isEqualTo("alice");
        assertThat(request.password()).isEqualTo("p:w");
        assertThat(request.queryId()).isEqualTo("q1");
        assertThat(request.settings()).containsExactly(java.util.Map.entry("max_threads", "2"));
        assertThat(request.params()).containsExactly(java.util.Map.entry("day", "2026-01-01"));
        assertThat(request.queryParameter()).isEqualTo("SELECT {day:Date}");
    }

    /** The reviewer's finding: TLSRPT_CHDB_TRACE=1 logged every header, the ClickHouse password among them. */
    @Test
    void neitherTheTraceLineNorToStringShowsThePassword() {
        Headers headers = new Headers();
        headers.add("X-ClickHouse-User", "alice");
        headers.add("X-ClickHouse-Key", "hunter2-key");
        headers.add("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("alice:hunter2-basic".getBytes(StandardCharsets.UTF_8)));
        headers.add("X-ClickHouse-Format", "CSV");
        java.net.URI uri = java.net.URI.create("/?user=alice&password=hunter2-url&query=SELECT%201");
        String line = ClickHouseHttpHandler.traceLine("POST", uri, headers);
        assertThat(line).doesNotContain("hunter2", Base64.getEncoder()
                .encodeToString("alice:hunter2-basic".getBytes(StandardCharsets.UTF_8)))
                .contains("POST /?user=alice&password=[redacted]&query=SELECT%201", "X-clickhouse-format=[CSV]");
        ClickHouseRequest request = ClickHouseRequest.of(uri.getRawQuery(), headers);
        assertThat(request.password()).isEqualTo("hunter2-key");
        assertThat(request.toString()).doesNotContain("hunter2").contains("user=alice", "format=CSV");
    }

    @Test
    void defaultsToTheDefaultUserTabSeparatedAndAFreshQueryId() {
        ClickHouseRequest request = ClickHouseRequest.of(null, new Headers());
        assertThat(request.user()).isEqualTo("default");
        assertThat(request.password()).isEmpty();
        assertThat(request.format()).isEqualTo("TabSeparated");
        assertThat(request.database()).isNull();
        assertThat(request.queryId()).isNotBlank();
    }

    @Test
    void clickHouseKeyHeadersCarryCredentials() {
        Headers headers = new Headers();
        headers.add("X-ClickHouse-User", "bob");
        headers.add("X-ClickHouse-Key", "k");
        ClickHouseRequest request = ClickHouseRequest.of("user=ignored", headers);
        assertThat(request.user()).isEqualTo("bob");
        assertThat(request.password()).isEqualTo("k");
    }
}
