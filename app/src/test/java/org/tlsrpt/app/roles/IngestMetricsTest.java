package org.tlsrpt.app.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;

/** The ingest's counters at /q/metrics move by exactly what was posted, with reasons from the closed set. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class IngestMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void goodBrokenAndRefusedPostsMoveTheirCountersByExactlyOne() throws IOException {
        byte[] good = ReportUploadTest.gzip(ReportUploadTest.report("metrics.example"));
        byte[] broken = "{\"organization-name\":".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "hello, world".getBytes(StandardCharsets.US_ASCII);
        byte[] damagedGzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0};
        Map<String, Double> before = metrics();

        given().contentType("application/tlsrpt+gzip").body(good).post("/v1/reports").then().statusCode(201);
        given().contentType("application/tlsrpt+json").body(broken).post("/v1/reports").then().statusCode(400);
        given().contentType("application/octet-stream").body(garbage).post("/v1/reports").then().statusCode(415);
        given().contentType("application/tlsrpt+json").header("Content-Encoding", "gzip").body(damagedGzip)
                .post("/v1/reports").then().statusCode(413);

        Map<String, Double> after = metrics();
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
        assertThat(after).as("time to acknowledgement is a histogram")
                .containsKey("tlsrpt_ingest_acknowledgement_seconds_bucket{channel=http,le=+Inf,outcome=durable}");
        assertThat(after.keySet()).filteredOn(name -> name.startsWith("tlsrpt_ingest_"))
                .as("no tag holds a domain").noneMatch(name -> name.contains("metrics.example"));
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("series %s is exported", series).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    /** Every sample at /q/metrics, named {@code name{k=v,...}} with the labels sorted. */
    private static Map<String, Double> metrics() {
        String text = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            StringBuilder name = new StringBuilder(sample.group(1));
            if (!labels.isEmpty()) {
                name.append('{');
                labels.forEach((k, v) -> name.append(k).append('=').append(v).append(','));
                name.setCharAt(name.length() - 1, '}');
            }
            samples.put(name.toString(), Double.parseDouble(sample.group(4)));
        }
        return samples;
    }
}
