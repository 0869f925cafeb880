package org.tlsrpt.app.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;
import org.tlsrpt.core.message.QuarantineRecord;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;

/** POST /v1/reports against the running application and a real Kafka broker: what the sender sees and what lands. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class ReportUploadTest {

    static final String REPORT = """
            {"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-11-27T00:00:00Z",\
            "end-datetime":"2026-11-27T23:59:59Z"},"contact-info":"smtp-tls-reporting@google.com",\
            "report-id":"2026-11-27T00:00:00Z_%s","policies":[{"policy":{"policy-type":"sts",\
            "policy-string":["version: STSv1","mode: enforce","mx: mx.%s","max_age: 86400"],\
            "policy-domain":"%s","mx-host":"mx.%s"},"summary":{"total-successful-session-count":41,\
            "total-failure-session-count":2},"failure-details":[{"result-type":"certificate-expired",\
            "sending-mta-ip":"209.85.220.41","receiving-mx-hostname":"mx.%s","failed-session-count":2}]}]}""";

    @ConfigProperty(name = "tlsrpt.kafka.bootstrap-servers")
    String bootstrapServers;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    int port;

    @org.junit.jupiter.api.BeforeEach
    void rememberPort() {
        port = root.getPort();
    }

    static byte[] report(String domain) {
        return REPORT.formatted(domain, domain, domain, domain, domain).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void aGzipReportIsCreatedOnlyOnceKafkaHasItAndCarriesItsRawBytes() throws IOException {
        byte[] body = gzip(report("upload.example"));

        String key = given().contentType("application/tlsrpt+gzip").body(body)
                .when().post("/v1/reports")
                .then().statusCode(201)
                .body("keys", hasSize(1))
                .body("findings.code", equalTo(List.of("string-instead-of-array")))
                .extract().path("keys[0]");

        ConsumerRecord<String, byte[]> record = find(bootstrapServers, "tlsrpt.reports", key);
        RecordCodec.Decoded<ReportRecord> decoded = RecordCodec.decodeReport(record.value());
        assertThat(decoded.raw()).isEqualTo(body);
        assertThat(decoded.record().report().policies().get(0).policy().policyDomain()).isEqualTo("upload.example");
        assertThat(decoded.record().receipt().channel()).isEqualTo("http");
        assertThat(decoded.record().receipt().rawMediaType()).startsWith("application/tlsrpt+gzip");
    }

    @Test
    void theSameReportPostedTwiceIsCreatedTwiceUnderOneKey() {
        byte[] body = report("twice.example");
        String first = given().contentType("application/tlsrpt+json").body(body).post("/v1/reports")
                .then().statusCode(201).extract().path("keys[0]");
        String second = given().contentType("application/json").body(body).post("/")
                .then().statusCode(201).extract().path("keys[0]");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void contentEncodingGzipIsUndone() throws IOException {
        given().contentType("application/tlsrpt+json").header("Content-Encoding", "gzip")
                .body(gzip(report("encoded.example")))
                .post("/v1/reports").then().statusCode(201).body("keys", hasSize(1));
    }

    @Test
    void aBrokenReportGets400WithAProblemDocumentAndIsQuarantined() {
        byte[] body = "{\"organization-name\":\"Truncated Inc.\",\"date-range\":{".getBytes(StandardCharsets.UTF_8);

        given().contentType("application/tlsrpt+json").body(body)
                .when().post("/v1/reports")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("code", equalTo("not-json"))
                .body("detail", matchesPattern(".*kept in quarantine.*"));

        String sha256 = org.tlsrpt.app.roles.Hashes.sha256(body);
        RecordCodec.Decoded<QuarantineRecord> quarantined = RecordCodec.decodeQuarantine(
                find(bootstrapServers, "tlsrpt.quarantine", sha256).value());
        assertThat(quarantined.raw()).isEqualTo(body);
        assertThat(quarantined.record().reason().code().code()).isEqualTo("not-json");
    }

    @Test
    void somethingThatIsNoReportFormatGets415() {
        given().contentType("application/octet-stream").body("hello, world".getBytes(StandardCharsets.US_ASCII))
                .post("/v1/reports").then().statusCode(415).body("code", equalTo("unsupported-format"));
    }

    @Test
    void aDeclaredLengthOverTheLimitGets413BeforeTheBodyIsSent() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/reports HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/tlsrpt+gzip\r\nContent-Length: " + (21 * 1024 * 1024)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }

    static ConsumerRecord<String, byte[]> find(String bootstrapServers, String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic);
    }
}
