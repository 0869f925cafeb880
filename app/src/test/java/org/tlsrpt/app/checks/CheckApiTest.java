package org.tlsrpt.app.checks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The checks API of the running application against the checks' lab: the scheduled checks the configuration asks
 * for, a check run now and its rate limit, the diagnosis of a reported failure, and the token's scope (a token for
 * another domain hears 404, as for a domain never checked).
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = LabResource.class, restrictToAnnotatedClass = true)
class CheckApiTest {

    static String allToken;
    static String otherToken;
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    TokenStore tokens;

    @Inject
    ClickHouseConnector clickHouse;

    @BeforeEach
    void setUpOnce() throws Exception {
        synchronized (CheckApiTest.class) {
            if (allToken == null) {
                String report = "{\"organization-name\":\"google.com\",\"date-range\":{\"start-datetime\":\""
                        + TODAY + "T00:00:00Z\",\"end-datetime\":\"" + TODAY + "T23:59:59Z\"},"
                        + "\"contact-info\":\"tls@example.org\",\"report-id\":\"check-api-1\",\"policies\":[{"
                        + "\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"version: STSv1\"],"
                        + "\"policy-domain\":\"expired.lab\",\"mx-host\":[\"mx-expired.lab\"]},\"summary\":{"
                        + "\"total-successful-session-count\":10,\"total-failure-session-count\":3},"
                        + "\"failure-details\":[{\"result-type\":\"certificate-expired\",\"sending-mta-ip\":"
                        + "\"198.51.100.7\",\"receiving-mx-hostname\":\"mx-expired.lab\","
                        + "\"failed-session-count\":3}]}]}";
                new ReportWriter(clickHouse).write(new Batch("tlsrpt.reports", List.of(new ConsumerRecord<>(
                        "tlsrpt.reports", 0, 0L, TestReports.record(report, "http").key(),
                        TestReports.value(report, "http")))));
                allToken = tokens.create(Scope.all(), "checks all", "cli").text();
                otherToken = tokens.create(Scope.of(List.of("a.example")), "checks a", "cli").text();
            }
        }
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void theConfiguredDomainsAreCheckedOnScheduleAndServedFromTheHistory() throws Exception {
        JsonPath latest = null;
        for (int i = 0; i < 240; i++) {
            latest = as(allToken).get("/api/v1/domains/good.lab/checks").then().statusCode(200).extract().jsonPath();
            if (!latest.getList("checks").isEmpty()) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(latest.getString("domain")).isEqualTo("good.lab");
        assertThat(latest.getList("checks")).as("a scheduled check of good.lab within two minutes").hasSize(1);
        assertThat(latest.getBoolean("checks[0].ok")).isTrue();
        assertThat(latest.getList("checks[0].results.check")).contains("starttls", "dane", "sts-policy");

        JsonPath overview = as(allToken).get("/api/v1/checks").then().statusCode(200).extract().jsonPath();
        assertThat(overview.getList("findAll { it.domain == 'good.lab' }.failing[0]")).isEmpty();
        // the other token sees only its own domain (checked on schedule because its scope names it)
        assertThat(as(otherToken).get("/api/v1/checks").then().statusCode(200).extract().jsonPath()
                .getList("domain")).doesNotContain("good.lab", "expired.lab");

        JsonPath history = as(allToken).queryParam("from", TODAY.minusDays(1).toString())
                .queryParam("to", TODAY.toString()).get("/api/v1/domains/good.lab/checks")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getString("domain")).isEqualTo("good.lab");
        assertThat(history.getList("checks")).isNotEmpty();
    }

    @Test
    void aCheckRunsNowOncePerSpacingThen429WithRetryAfter() {
        JsonPath now = as(allToken).post("/api/v1/domains/expired.lab/checks").then().statusCode(200)
                .extract().jsonPath();
        assertThat(now.getString("domain")).isEqualTo("expired.lab");
        assertThat(now.getList("results.resultType")).contains("certificate-expired");
        Response again = as(allToken).post("/api/v1/domains/expired.lab/checks");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(again.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theDiagnosisSaysAReportedExpiredCertificateIsStillExpired() throws Exception {
        JsonPath diagnosis = null;
        for (int i = 0; i < 240; i++) {
            diagnosis = as(allToken).get("/api/v1/domains/expired.lab/diagnosis").then().statusCode(200)
                    .extract().jsonPath();
            if (!"unknown".equals(diagnosis.getString("failures[0].verdict"))) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(diagnosis.getString("failures[0].resultType")).isEqualTo("certificate-expired");
        assertThat(diagnosis.getString("failures[0].receivingMx")).isEqualTo("mx-expired.lab");
        assertThat(diagnosis.getLong("failures[0].sessions")).isEqualTo(3);
        assertThat(diagnosis.getList("failures[0].reporters")).containsExactly("google.com");
        assertThat(diagnosis.getString("failures[0].verdict")).isEqualTo("still-failing");
        assertThat(diagnosis.getString("failures[0].explanation")).startsWith("mx-expired.lab presented an expired");
    }

    @Test
    void aTokenForAnotherDomainHears404ForEveryChecksEndpoint() {
        for (String path : List.of("/api/v1/domains/good.lab/checks", "/api/v1/domains/good.lab/diagnosis",
                "/api/v1/domains/expired.lab/checks?from=" + TODAY + "&to=" + TODAY)) {
            as(otherToken).get(path).then().statusCode(404);
            given().get(path).then().statusCode(401);
        }
        as(otherToken).post("/api/v1/domains/good.lab/checks").then().statusCode(404);
        // its own domain is served (and checked on schedule, since the token's scope names it)
        as(otherToken).get("/api/v1/domains/a.example/checks").then().statusCode(200)
                .body("domain", org.hamcrest.Matchers.equalTo("a.example"));
        as(allToken).get("/api/v1/domains/not..a.domain/checks").then().statusCode(400);
    }

    @Test
    void aCheckNowOfASingleLabelIsRefusedWith400() {
        // a single label resolves through the machine's search domains: the checks must not be aimed there
        for (String name : List.of("localhost", "mx", "lab")) {
            as(allToken).post("/api/v1/domains/" + name + "/checks").then().statusCode(400);
        }
    }
}
