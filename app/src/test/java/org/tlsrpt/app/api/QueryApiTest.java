package org.tlsrpt.app.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.ApiFixtures;
import org.tlsrpt.api.ExpectedAnswers;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The query API over HTTP against the running application and the real ClickHouse: numbers equal sums computed
 * from the fixture reports, every endpoint needs a token, a token for domain A sees nothing of B, and hostile
 * parameters get 400/403/404, never 500.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class QueryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ApiFixtures fixtures;
    static ExpectedAnswers expected;
    static String allToken;
    static String aToken;

    @Inject
    TokenStore tokens;

    @ConfigProperty(name = "tlsrpt.clickhouse.jdbc-url")
    String jdbcUrl;

    @Inject
    ClickHouseConnector clickHouse;

    /** The management port's root path, {@code /q}. */
    @TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    String from;
    String to;

    @BeforeEach
    void writeFixturesOnce() throws Exception {
        synchronized (QueryApiTest.class) {
            if (fixtures == null) {
                ApiFixtures written = new ApiFixtures(LocalDate.now(ZoneOffset.UTC).minusDays(20));
                written.write(clickHouse);
                allToken = tokens.create(Scope.all(), "test all", "cli").text();
                aToken = tokens.create(Scope.of(List.of(ApiFixtures.A)), "test a", "cli").text();
                expected = new ExpectedAnswers(written);
                fixtures = written;
            }
        }
        from = fixtures.base().toString();
        to = fixtures.last().toString();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    String key(String reportId) {
        return fixtures.key(fixtures.reports().stream().filter(r -> r.reportId().equals(reportId)).findFirst()
                .orElseThrow());
    }

    List<String> everyEndpoint() {
        return List.of("/api/v1/domains", "/api/v1/domains/a.example/summary", "/api/v1/domains/a.example/failures",
                "/api/v1/reporters", "/api/v1/reports", "/api/v1/reports/" + key("google-a-0"),
                "/api/v1/reports/" + key("google-a-0") + "/raw", "/api/v1/quarantine");
    }

    @Test
    void everyEndpointRefusesRequestsWithoutAValidToken() {
        for (String path : everyEndpoint()) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer realm=\"tlsrpt\"");
            as("tlsrpt_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get(path).then().statusCode(401);
            given().header("Authorization", "Basic " + allToken).get(path).then().statusCode(401);
            as(allToken).get(path).then().statusCode(200);
        }
    }

    @Test
    void domainTotalsEqualIndependentSums() {
        JsonPath body = as(allToken).queryParam("from", from).queryParam("to", to).get("/api/v1/domains")
                .then().statusCode(200).extract().jsonPath();
        assertThat(body.getList("domain", String.class)).containsExactly(ApiFixtures.A, ApiFixtures.B);
        for (int i = 0; i < 2; i++) {
            long[] sums = expected.domainTotals(body.getString("[" + i + "].domain"), fixtures.base(),
                    fixtures.last());
            assertThat(body.getLong("[" + i + "].successfulSessions")).isEqualTo(sums[0]);
            assertThat(body.getLong("[" + i + "].failedSessions")).isEqualTo(sums[1]);
            assertThat(body.getLong("[" + i + "].reporters")).isEqualTo(sums[2]);
            assertThat(body.getDouble("[" + i + "].failureRate"))
                    .isCloseTo((double) sums[1] / (sums[0] + sums[1]), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(body.getString("[" + i + "].lastReportAt")).endsWith("Z");
        }
    }

    @Test
    void summaryEqualsIndependentSumsPerPolicyTypeAndDay() {
        JsonPath body = as(allToken).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/domains/a.example/summary").then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("domain")).isEqualTo("a.example");
        assertThat(body.getString("from")).isEqualTo(from);
        Map<String, long[]> types = new TreeMap<>();
        for (Map<String, Object> t : body.<Map<String, Object>>getList("policyTypes")) {
            types.put((String) t.get("policyType"), new long[] {((Number) t.get("successfulSessions")).longValue(),
                ((Number) t.get("failedSessions")).longValue()});
        }
        assertThat(types).usingRecursiveComparison()
                .isEqualTo(expected.byPolicyType(ApiFixtures.A, fixtures.base(), fixtures.last()));
        Map<String, long[]> days = new TreeMap<>();
        for (Map<String, Object> d : body.<Map<String, Object>>getList("days")) {
            days.put(d.get("date") + "|" + d.get("policyType"), new long[] {
                ((Number) d.get("successfulSessions")).longValue(), ((Number) d.get("failedSessions")).longValue()});
        }
        assertThat(days).usingRecursiveComparison()
                .isEqualTo(expected.byDayAndPolicyType(ApiFixtures.A, fixtures.base(), fixtures.last()));
    }

    @Test
    void failureBreakdownsEqualIndependentSums() {
        List<String> names = List.of("result-type", "sending-mta-ip", "receiving-mx-hostname", "receiving-ip",
                "organization", "failure-reason-code");
        Map<String, String> fields = Map.of("result-type", "resultType", "sending-mta-ip", "sendingMtaIp",
                "receiving-mx-hostname", "receivingMxHostname", "receiving-ip", "receivingIp",
                "organization", "organization", "failure-reason-code", "failureReasonCode");
        List<List<String>> groupings = new ArrayList<>();
        names.forEach(name -> groupings.add(List.of(name)));
        groupings.add(List.of("result-type", "organization"));
        groupings.add(names);
        for (List<String> by : groupings) {
            RequestSpecification request = as(allToken).queryParam("from", from).queryParam("to", to);
            // the first key as its own parameter, the rest comma separated: both forms are accepted
            request.queryParam("by", by.get(0));
            if (by.size() > 1) {
                request.queryParam("by", String.join(",", by.subList(1, by.size())));
            }
            List<Map<String, Object>> rows = request.get("/api/v1/domains/a.example/failures").then()
                    .statusCode(200).extract().jsonPath().getList("$");
            Map<String, Long> actual = new TreeMap<>();
            for (Map<String, Object> row : rows) {
                List<String> key = new ArrayList<>();
                key.add((String) row.get("policyType"));
                by.forEach(name -> key.add((String) row.get(fields.get(name))));
                actual.put(String.join("|", key), ((Number) row.get("failedSessions")).longValue());
            }
            assertThat(actual).as("by " + by)
                    .isEqualTo(expected.failures(ApiFixtures.A, fixtures.base(), fixtures.last(), by));
        }
    }

    /**
     * Each list answer as CSV, read back by a real RFC 4180 parser, equals its JSON form row for row and field for
     * field, whether asked for by Accept or by format=csv; the failure-reason-code of a fixture holds quotes and a
     * semicolon, which must survive quoting.
     */
    @Test
    void csvExportsParseBackEqualToTheJson() throws Exception {
        String period = "from=" + from + "&to=" + to;
        for (String path : List.of("/api/v1/domains?" + period,
                "/api/v1/domains/a.example/failures?by=result-type,organization,failure-reason-code&" + period,
                "/api/v1/domains/a.example/failures?by=sending-mta-ip&granularity=day&" + period,
                "/api/v1/reporters?" + period, "/api/v1/reports?limit=1000&" + period)) {
            String json = as(allToken).accept("application/json").get(path).then().statusCode(200).extract()
                    .asString();
            JsonNode tree = JSON.readTree(json);
            JsonNode rows = tree.isArray() ? tree : tree.get("items");
            assertThat(rows.size()).as(path).isPositive();
            Response byHeader = as(allToken).accept("text/csv").get(path);
            Response byParameter = as(allToken).get(path + "&format=csv");
            assertThat(byHeader.statusCode()).as(path).isEqualTo(200);
            assertThat(byHeader.contentType()).startsWith("text/csv");
            assertThat(byHeader.header("Content-Disposition")).startsWith("attachment; filename=");
            assertThat(byParameter.asString()).isEqualTo(byHeader.asString());

            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(byHeader.asString())).getRecords();
            assertThat(records).as(path).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                for (Map.Entry<String, JsonNode> field : row.properties()) {
                    String cell = records.get(i).get(field.getKey());
                    JsonNode value = field.getValue();
                    if (value.isNumber()) {
                        assertThat(new BigDecimal(cell)).as(path + " " + field.getKey())
                                .isEqualByComparingTo(value.decimalValue());
                    } else {
                        assertThat(cell).as(path + " " + field.getKey()).isEqualTo(csvText(value));
                    }
                }
            }
        }
        assertThat(as(allToken).get("/api/v1/domains/a.example/failures?by=failure-reason-code&format=csv&" + period)
                .asString()).contains("\"O'Brien\"\"; DROP TABLE reports; --\"");
    }

    /** A JSON value as the CSV carries it: text as is (a formula-like start neutralised), lists space-separated. */
    private static String csvText(JsonNode value) {
        if (value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(element.asText()));
            return String.join(" ", parts);
        }
        String text = value.asText();
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    @Test
    void csvExportsKeepTheTokensScopeAndRefuseUnknownFormats() {
        String period = "from=" + from + "&to=" + to;
        String domains = as(aToken).get("/api/v1/domains?format=csv&" + period).then().statusCode(200).extract()
                .asString();
        assertThat(domains).contains("a.example").doesNotContain("b.example");
        String reports = as(aToken).get("/api/v1/reports?format=csv&limit=1000&" + period).then().statusCode(200)
                .extract().asString();
        assertThat(reports).contains("google-a-0").doesNotContain("google-b-0");
        as(aToken).get("/api/v1/domains/b.example/failures?format=csv&" + period).then().statusCode(403);
        as(aToken).get("/api/v1/reporters?domain=b.example&format=csv&" + period).then().statusCode(403);
        given().get("/api/v1/domains?format=csv").then().statusCode(401);
        as(allToken).get("/api/v1/domains?format=xlsx").then().statusCode(400)
                .contentType("application/problem+json");
        as(allToken).get("/api/v1/domains?format=json&" + period).then().statusCode(200).contentType("application/json");
        // the summary has no CSV form: asked for one, it says so instead of sending JSON under a CSV name
        as(allToken).get("/api/v1/domains/a.example/summary?format=csv").then().statusCode(406);
    }

    @Test
    void monthsOverTenYearsEqualTheSumOfTheDaysAndDailyDataKeepsItsLimit() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tenYearsAgo = LocalDate.now(ZoneOffset.UTC).minusYears(10).plusDays(1).toString();
        JsonPath days = as(allToken).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/domains/a.example/summary").then().statusCode(200).extract().jsonPath();
        JsonPath months = as(allToken).queryParam("from", tenYearsAgo).queryParam("to", today)
                .queryParam("granularity", "month").get("/api/v1/domains/a.example/summary").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Long> summed = new TreeMap<>();
        for (Map<String, Object> d : days.<Map<String, Object>>getList("days")) {
            String month = ((String) d.get("date")).substring(0, 7) + "-01|" + d.get("policyType");
            summed.merge(month + "|ok", ((Number) d.get("successfulSessions")).longValue(), Long::sum);
            summed.merge(month + "|failed", ((Number) d.get("failedSessions")).longValue(), Long::sum);
        }
        Map<String, Long> monthly = new TreeMap<>();
        for (Map<String, Object> m : months.<Map<String, Object>>getList("days")) {
            monthly.put(m.get("date") + "|" + m.get("policyType") + "|ok",
                    ((Number) m.get("successfulSessions")).longValue());
            monthly.put(m.get("date") + "|" + m.get("policyType") + "|failed",
                    ((Number) m.get("failedSessions")).longValue());
        }
        assertThat(months.getString("granularity")).isEqualTo("month");
        assertThat(monthly).isNotEmpty().isEqualTo(summed);

        as(allToken).queryParam("from", tenYearsAgo).get("/api/v1/domains/a.example/summary").then().statusCode(400)
                .contentType("application/problem+json");
        as(allToken).queryParam("from", LocalDate.now(ZoneOffset.UTC).minusYears(11).toString())
                .queryParam("granularity", "month").get("/api/v1/domains/a.example/summary").then().statusCode(400);
        as(allToken).queryParam("granularity", "year").get("/api/v1/domains/a.example/summary").then()
                .statusCode(400);
        // a month breakdown over years reads the daily aggregate only: keys it lacks are refused, not scanned
        as(allToken).queryParam("from", tenYearsAgo).queryParam("granularity", "month").queryParam("by", "organization")
                .get("/api/v1/domains/a.example/failures").then().statusCode(400);
        List<Map<String, Object>> rows = as(allToken).queryParam("from", tenYearsAgo).queryParam("granularity", "month")
                .queryParam("by", "result-type").get("/api/v1/domains/a.example/failures").then().statusCode(200)
                .extract().jsonPath().getList("$");
        long failedByMonth = rows.stream().mapToLong(r -> ((Number) r.get("failedSessions")).longValue()).sum();
        assertThat(rows).allSatisfy(r -> assertThat((String) r.get("month")).endsWith("-01"));
        assertThat(failedByMonth).isEqualTo(expected.failures(ApiFixtures.A, fixtures.base(), fixtures.last(),
                List.of("result-type")).values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void reportersCountDistinctReportsAndNameTheSilentDailyReporter() {
        List<Map<String, Object>> rows = as(allToken).queryParam("domain", "a.example").queryParam("from", from)
                .queryParam("to", to).get("/api/v1/reporters").then().statusCode(200).extract().jsonPath()
                .getList("$");
        Map<String, long[]> actual = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            actual.put(row.get("domain") + "|" + row.get("organization"), new long[] {
                ((Number) row.get("reports")).longValue(), ((Number) row.get("daysWithReports")).longValue()});
            if (row.get("organization").equals("Microsoft Corporation")) {
                assertThat(row.get("silentSince")).isEqualTo(fixtures.base().plusDays(3).toString());
            } else {
                assertThat(row.get("silentSince")).isNull();
            }
        }
        assertThat(actual).usingRecursiveComparison()
                .isEqualTo(expected.reporters(Set.of(ApiFixtures.A), fixtures.base(), fixtures.last()));
    }

    @Test
    void reportListPagesThroughEveryReportOnceAndFiltersByOrganization() {
        assertThat(allReportIds(allToken, Map.of())).isEqualTo(expected.reportIds(
                Set.of(ApiFixtures.A, ApiFixtures.B), null, null, fixtures.base(), fixtures.last()));
        assertThat(allReportIds(allToken, Map.of("organization", "Google Inc.", "domain", "b.example")))
                .isEqualTo(expected.reportIds(Set.of(ApiFixtures.A, ApiFixtures.B), ApiFixtures.B, "Google Inc.",
                        fixtures.base(), fixtures.last()));
    }

    private Set<String> allReportIds(String token, Map<String, String> filters) {
        Set<String> ids = new TreeSet<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            RequestSpecification request = as(token).queryParam("from", from).queryParam("to", to)
                    .queryParam("limit", 4).queryParams(filters);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.get("/api/v1/reports").then().statusCode(200).extract().jsonPath();
            for (String id : body.getList("items.reportId", String.class)) {
                assertThat(ids.add(id)).as("listed once: " + id).isTrue();
            }
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                return ids;
            }
        }
        throw new AssertionError("no last page");
    }

    @Test
    void oneReportAndItsRawBytes() {
        String key = key("google-a-2");
        as(allToken).get("/api/v1/reports/" + key).then().statusCode(200)
                .body("key", equalTo(key))
                .body("organization", equalTo("Google Inc."))
                .body("report.report-id", equalTo("google-a-2"))
                .body("report.policies[0].summary.total-successful-session-count", equalTo(1002))
                .body("dkim.result", equalTo("not-checked"))
                .body("envelope", org.hamcrest.Matchers.notNullValue());
        Response raw = as(allToken).get("/api/v1/reports/" + key + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.contentType()).startsWith("application/tlsrpt+json");
        assertThat(raw.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(raw.asByteArray()).isEqualTo(fixtures.deliveryOf(fixtures.reports().stream()
                .filter(r -> r.reportId().equals("google-a-2")).findFirst().orElseThrow()).bytes());
        String zipped = key("comcast-b");
        Response zip = as(allToken).get("/api/v1/reports/" + zipped + "/raw");
        assertThat(zip.contentType()).startsWith("application/zip");
        as(allToken).get("/api/v1/reports/" + "0".repeat(32)).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void quarantineIsListedForAnUnrestrictedTokenOnly() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonPath body = as(allToken).queryParam("to", today).get("/api/v1/quarantine").then().statusCode(200)
                .extract().jsonPath();
        assertThat(body.getList("items.reasonCode", String.class)).contains("malformed-record");
        String sha256 = body.getString("items[0].sha256");
        as(allToken).get("/api/v1/quarantine/" + sha256 + "/raw").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff");
        as(aToken).get("/api/v1/quarantine").then().statusCode(403).contentType("application/problem+json");
        as(aToken).get("/api/v1/quarantine/" + sha256 + "/raw").then().statusCode(403);
    }

    @Test
    void aTokenForDomainASeesNothingOfDomainBInAnyEndpoint() {
        String period = "from=" + from + "&to=" + to;
        String domains = as(aToken).get("/api/v1/domains?" + period).then().statusCode(200).extract().asString();
        assertThat(domains).contains("a.example").doesNotContain("b.example");
        as(aToken).get("/api/v1/domains/b.example/summary?" + period).then().statusCode(403);
        as(aToken).get("/api/v1/domains/B.Example/summary?" + period).then().statusCode(403);
        as(aToken).get("/api/v1/domains/b.example/failures?" + period).then().statusCode(403);
        as(aToken).get("/api/v1/reporters?domain=b.example&" + period).then().statusCode(403);
        String reporters = as(aToken).get("/api/v1/reporters?" + period).then().statusCode(200).extract().asString();
        assertThat(reporters).contains("a.example").doesNotContain("b.example");
        as(aToken).get("/api/v1/reports?domain=b.example&" + period).then().statusCode(403);
        assertThat(allReportIds(aToken, Map.of())).isEqualTo(expected.reportIds(Set.of(ApiFixtures.A), null, null,
                fixtures.base(), fixtures.last())).contains("comcast-a").doesNotContain("comcast-b", "google-b-0");
        as(aToken).get("/api/v1/reports/" + key("google-b-0")).then().statusCode(404);
        as(aToken).get("/api/v1/reports/" + key("google-b-0") + "/raw").then().statusCode(404);
        as(aToken).get("/api/v1/reports/" + key("comcast-a")).then().statusCode(200);
        // comcast-a arrived in one zip with comcast-b: the bytes would show B's report
        as(aToken).get("/api/v1/reports/" + key("comcast-a") + "/raw").then().statusCode(404);
        as(aToken).get("/api/v1/reports/" + key("google-a-0") + "/raw").then().statusCode(200);
    }

    /**
     * Hole 8 of issue 12: a key outside the token's scope answered 403 and an unknown key 404, so a tenant could
     * learn which reports exist for other tenants. Both now get the same answer, the key aside.
     */
    @Test
    void anOutOfScopeReportKeyAnswersExactlyLikeAnUnknownKey() {
        String unknown = "0123456789abcdef0123456789abcdef";
        for (String[] call : new String[][] {{key("google-b-0"), ""}, {key("google-b-0"), "/raw"},
                {key("comcast-a"), "/raw"}}) {
            Response outOfScope = as(aToken).get("/api/v1/reports/" + call[0] + call[1]);
            Response none = as(aToken).get("/api/v1/reports/" + unknown + call[1]);
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(outOfScope.statusCode()).as(call[0] + call[1]).isEqualTo(404);
            assertThat(outOfScope.contentType()).isEqualTo(none.contentType());
            assertThat(outOfScope.asString().replace(call[0], "KEY")).as(call[0] + call[1])
                    .isEqualTo(none.asString().replace(unknown, "KEY"));
        }
        // the all-domains token still reads them
        as(allToken).get("/api/v1/reports/" + key("google-b-0")).then().statusCode(200);
        as(allToken).get("/api/v1/reports/" + key("comcast-a") + "/raw").then().statusCode(200);
    }

    @Test
    void hostileParametersGet400Or404AndNeverLeakOrFail() {
        String huge = "a".repeat(3000);
        List<String> badDomains = List.of("..%2F..%2Fetc%2Fpasswd", "a.example'%20OR%20'1'%3D'1", "%00",
                "a.example%2F..%2Fb.example", "..", "%E2%80%AE", huge, "*.a.example", "a.example%22%3B");
        for (String domain : badDomains) {
            for (String suffix : List.of("/summary", "/failures")) {
                int status = as(allToken).urlEncodingEnabled(false)
                        .get("/api/v1/domains/" + domain + suffix).statusCode();
                assertThat(status).as(domain + suffix).isIn(400, 403, 404, 414, 431);
            }
        }
        List<Map<String, String>> badQueries = List.of(Map.of("from", "2026-01-01' OR 1=1 --"),
                Map.of("to", "tomorrow"), Map.of("from", "2020-01-01"), Map.of("from", "9999-99-99"),
                Map.of("from", "２０２６-０１-０１"), Map.of("by", "result_type"), Map.of("by", "1) UNION SELECT *"),
                Map.of("limit", "0"), Map.of("limit", "-1"), Map.of("limit", "99999999999999"),
                Map.of("limit", "1e3"), Map.of("cursor", "'; DROP TABLE reports; --"),
                Map.of("cursor", huge), Map.of("domain", "../b.example"), Map.of("domain", "b.example' OR '1"),
                Map.of("organization", "x\u0000y"));
        for (String path : List.of("/api/v1/domains", "/api/v1/domains/a.example/summary",
                "/api/v1/domains/a.example/failures", "/api/v1/reporters", "/api/v1/reports", "/api/v1/quarantine")) {
            for (Map<String, String> query : badQueries) {
                Response response = as(allToken).queryParams(query).get(path);
                boolean ignored = !applies(path, query.keySet().iterator().next());
                assertThat(response.statusCode()).as(path + " " + query).isIn(ignored ? List.of(200) : List.of(400));
                if (!ignored) {
                    assertThat(response.contentType()).startsWith("application/problem+json");
                }
            }
        }
        // text parameters are data, never SQL: unusual organisation names simply match nothing
        for (String organization : List.of("Google Inc.' OR '1'='1", "\\' OR 1=1 --", "Gøøgle ☃ Inc.", "%", "_")) {
            as(allToken).queryParam("organization", organization).queryParam("from", from).queryParam("to", to)
                    .get("/api/v1/reports").then().statusCode(200).body("items.size()", equalTo(0));
        }
        for (String key : List.of("..%2F..%2Fx", "0".repeat(31) + "'", "G".repeat(32), huge.substring(0, 200),
                "%2e%2e", key("google-a-0").toUpperCase())) {
            int status = as(allToken).urlEncodingEnabled(false).get("/api/v1/reports/" + key).statusCode();
            assertThat(status).as(key).isIn(400, 404);
            status = as(allToken).urlEncodingEnabled(false).get("/api/v1/reports/" + key + "/raw").statusCode();
            assertThat(status).as(key + "/raw").isIn(400, 404);
        }
    }

    /** Whether an endpoint reads a parameter (others are ignored, so a bad value does not matter there). */
    private static boolean applies(String path, String parameter) {
        return switch (parameter) {
            case "from", "to" -> true;
            case "by" -> path.endsWith("/failures");
            case "limit" -> path.endsWith("/failures") || path.endsWith("/reports") || path.endsWith("/quarantine");
            case "cursor" -> path.endsWith("/reports") || path.endsWith("/quarantine");
            case "domain" -> path.endsWith("/reporters") || path.endsWith("/reports");
            case "organization" -> path.endsWith("/reports");
            default -> false;
        };
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() throws Exception {
        var token = tokens.create(Scope.all(), "short-lived", "cli");
        as(token.text()).get("/api/v1/domains").then().statusCode(200);
        tokens.revoke(token.id());
        as(token.text()).get("/api/v1/domains").then().statusCode(401);
    }

    @Test
    void theTokenCommandCreatesAScopedTokenListsAndRevokesItAgainstTheRunningClickHouse() {
        // the command reads the configuration as the operator's shell gives it: here, system properties
        Map<String, String> settings = Map.of("tlsrpt.clickhouse.jdbc-url", jdbcUrl,
                "tlsrpt.clickhouse.password", clickHouse.password(),
                "tlsrpt.api.token-pepper",
                ConfigProvider.getConfig().getValue("tlsrpt.api.token-pepper", String.class));
        Map<String, String> before = new java.util.HashMap<>();
        settings.forEach((name, value) -> before.put(name, System.setProperty(name, value)));
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
            org.tlsrpt.app.cli.Streams cli = org.tlsrpt.app.cli.Streams.of(System.in, print, System.err);
            assertThat(org.tlsrpt.app.cli.TlsrptCommand.execute(List.of("token", "create", "--domains", "A.example"),
                    cli)).isZero();
            String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            String token = printed.replaceAll("(?s).*token:\\s+(\\S+).*", "$1");
            String id = printed.replaceAll("(?s).*id:\\s+(\\S+).*", "$1");
            as(token).get("/api/v1/domains/a.example/summary").then().statusCode(200);
            as(token).get("/api/v1/domains/b.example/summary").then().statusCode(403);

            out.reset();
            assertThat(org.tlsrpt.app.cli.TlsrptCommand.execute(List.of("token", "list"), cli)).isZero();
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(id).contains("a.example")
                    .doesNotContain(token);
            assertThat(org.tlsrpt.app.cli.TlsrptCommand.execute(List.of("token", "revoke", id), cli)).isZero();
            as(token).get("/api/v1/domains").then().statusCode(401);
            assertThat(org.tlsrpt.app.cli.TlsrptCommand.execute(List.of("token", "create", "--domains", "not a domain!"),
                    cli)).isEqualTo(2);
        } finally {
            before.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    @Test
    void openApiAndHealthAreOpenWithoutAToken() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(document).contains("/api/v1/domains/{domain}/failures", "/api/v1/reports/{key}/raw",
                "/api/v1/quarantine", "bearer");
        given().get(management + "health/live").then().statusCode(200);
    }
}
