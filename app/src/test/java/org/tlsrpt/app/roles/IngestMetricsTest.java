package org.tlsrpt.app.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;
import org.tlsrpt.app.ingest.PrometheusSamples;

/** The ingest's counters at /q/metrics move by exactly what was posted, with reasons from the closed set. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class IngestMetricsTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void goodBrokenAndRefusedPostsMoveTheirCountersByExactlyOne() throws IOException {
        byte[] good = ReportUploadTest.gzip(ReportUploadTest.report("metrics.example"));
        byte[] broken = "{\"organization-name\":".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "hello, world".getBytes(StandardCharsets.US_ASCII);
        byte[] damagedGzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0};
        PrometheusSamples before = metrics();

        given().contentType("application/tlsrpt+gzip").body(good).post("/v1/reports").then().statusCode(201);
        given().contentType("application/tlsrpt+json").body(broken).post("/v1/reports").then().statusCode(400);
        given().contentType("application/octet-stream").body(garbage).post("/v1/reports").then().statusCode(415);
        given().contentType("application/tlsrpt+json").header("Content-Encoding", "gzip").body(damagedGzip)
                .post("/v1/reports").then().statusCode(413);

        PrometheusSamples after = metrics();
        assertThat(delta(before, after, "tlsrpt_ingest_received_total{channel=http}")).isEqualTo(4);
        assertThat(delta(before, after, "tlsrpt_ingest_received_bytes_total{channel=http}"))
                .isEqualTo(good.length + broken.length + garbage.length + damagedGzip.length);
        assertThat(delta(before, after, "tlsrpt_ingest_accepted_total{channel=http}")).isEqualTo(1);
        assertThat(delta(before, after, "tlsrpt_ingest_quarantined_total{channel=http,reason=not-json}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "tlsrpt_ingest_quarantined_total{channel=http,reason=unsupported-format}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "tlsrpt_ingest_refused_total{channel=http,reason=too-large}")).isEqualTo(1);
        assertThat(delta(before, after,
                "tlsrpt_ingest_acknowledgement_seconds_count{channel=http,outcome=durable}")).isEqualTo(3);
        assertThat(after.names()).as("time to acknowledgement is a histogram")
                .contains("tlsrpt_ingest_acknowledgement_seconds_bucket{channel=http,le=+Inf,outcome=durable}");
        assertThat(after.names()).filteredOn(name -> name.startsWith("tlsrpt_ingest_"))
                .as("no tag holds a domain").noneMatch(name -> name.contains("metrics.example"));
    }

    private static double delta(PrometheusSamples before, PrometheusSamples after, String series) {
        assertThat(after.names()).as("series %s is exported", series).contains(series);
        return after.since(before, series);
    }

    private PrometheusSamples metrics() {
        return PrometheusSamples.parse(
                given().accept("text/plain").get(metrics.toString()).then().statusCode(200).extract().asString());
    }
}
