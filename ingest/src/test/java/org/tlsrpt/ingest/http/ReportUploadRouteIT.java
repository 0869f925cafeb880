package org.tlsrpt.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.kafka.IntakePolicy;
import org.tlsrpt.ingest.kafka.IntakeProducer;
import org.tlsrpt.ingest.kafka.IntakeTopics;
import org.tlsrpt.ingest.kafka.KafkaReportIntake;
import org.tlsrpt.ingest.testing.MailTools;

/**
 * The HTTP intake on a real Vert.x server (a free loopback port, the route and the body deadline installed as the
 * app installs them) in front of the real intake and a real Kafka broker: what a client sees for each outcome,
 * without the app around it.
 */
class ReportUploadRouteIT {

    private static final String REPORT = """
            {"organization-name":"Mail.ru","date-range":{"start-datetime":"2026-11-27T00:00:00Z",\
            "end-datetime":"2026-11-28T00:00:00Z"},"contact-info":"tls_support@corp.mail.ru","report-id":"r-%s",\
            "policies":[{"policy":{"policy-type":"sts","policy-domain":"example.org"},"summary":{\
            "total-successful-session-count":5,"total-failure-session-count":0}}]}""";

    private static final long MAX_BODY = 16 * 1024;

    @TempDir
    static Path dataDir;

    private static EmbeddedKafka kafka;
    private static Producer<String, byte[]> producer;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Vertx vertx;
    private int port;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir).withPorts(0, 0));
        producer = IntakeProducer.create(kafka.bootstrapServers(), "upload-route-test", Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopKafka() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static ReportIntake intake(Producer<String, byte[]> to) {
        return new KafkaReportIntake(new ReportReader(Limits.DEFAULTS), to, IntakeTopics.DEFAULT, IntakePolicy.OPEN,
                Duration.ofSeconds(3));
    }

    /** A server with the route on {@code POST /v1/reports} behind the body deadline, as the app's HttpChannel. */
    private void serve(ReportIntake intake, ClientRateLimiter limiter, Duration bodyDeadline) throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        UploadDeadline.install(router, bodyDeadline);
        router.post("/v1/reports").handler(new ReportUploadRoute(intake, limiter, MAX_BODY, IntakeMetrics.NONE));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    private void serve(ReportIntake intake) throws Exception {
        serve(intake, new ClientRateLimiter(600, 60), Duration.ofSeconds(120));
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/reports"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/tlsrpt+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReportKafkaAcknowledgedIsAnswered201WithItsKey() throws Exception {
        serve(intake(producer));

        HttpResponse<String> response = post(REPORT.formatted("stored"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{\"keys\":[\"").contains("\"findings\":[]");
    }

    @Test
    void aReportThatIsNotJsonIsAnswered400WithAProblemDocument() throws Exception {
        serve(intake(producer));

        HttpResponse<String> response = post("{\"organization-name\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(UploadAnswers.PROBLEM_JSON);
        assertThat(response.body()).contains("\"status\":400", "\"code\":\"not-json\"", "kept in quarantine");
    }

    @Test
    void aBodyOverTheLimitIsAnswered413() throws Exception {
        serve(intake(producer));

        HttpResponse<String> response = post(new byte[(int) MAX_BODY + 1]);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"body-too-large\"");
    }

    @Test
    void withoutKafkaNothingIsStoredAndTheAnswerIs503WithRetryAfter() throws Exception {
        // The real intake, its producer pointing at a port where no broker listens.
        try (Producer<String, byte[]> nowhere = IntakeProducer.create("127.0.0.1:" + MailTools.freePort(),
                "upload-route-test-nowhere", Duration.ofSeconds(2))) {
            serve(intake(nowhere));

            HttpResponse<String> response = post(REPORT.formatted("unavailable"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(response.body()).contains("\"code\":\"unavailable\"", "nothing was stored");
        }
    }

    @Test
    void aClientPastItsBurstIsAnswered429WithRetryAfter() throws Exception {
        serve(intake(producer), new ClientRateLimiter(1, 1), Duration.ofSeconds(120));

        HttpResponse<String> first = post(REPORT.formatted("burst"));
        HttpResponse<String> second = post(REPORT.formatted("one-too-many"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
        assertThat(second.body()).contains("\"code\":\"too-many-requests\"");
    }

    @Test
    void aBodyTrickledPastTheDeadlineIsAnswered408AndTheConnectionClosed() throws Exception {
        serve(intake(producer), new ClientRateLimiter(600, 60), Duration.ofSeconds(2));

        try (Socket socket = new Socket("127.0.0.1", port)) {
            // Long enough for the deadline, short enough that a server without one fails the test.
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/tlsrpt+json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"organization-name\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = readToEnd(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 408");
        }
    }

    /** Everything until the server closes the connection. */
    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
