package org.tlsrpt.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.core.testing.Bombs;

/**
 * Hostile input over each channel against the running application (256 MB heap, ended by any
 * OutOfMemoryError): each is answered with a clear error and never a hang, and afterwards the process is alive,
 * ready and accepting reports. The application keeps whole bodies in memory only up to the 20 MB limit, so a
 * bomb that were inflated, or a body that were buffered whole, would end the process.
 */
@ExtendWith(RunningIngest.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode problem(RawHttp.Response response) throws IOException {
        assertThat(response.header("Content-Type")).as(response.text()).startsWith("application/problem+json");
        return JSON.readTree(response.body());
    }

    private static RawHttp.Response post(RunningIngest ingest, String contentType, byte[] body) throws IOException {
        try (RawHttp http = new RawHttp(ingest.httpPort())) {
            return http.post("/v1/reports", contentType, body);
        }
    }

    @Test
    @Order(1)
    void aGzipOfTenGibibytesOfZerosIsRefused413ByItsCompressionRatio(RunningIngest ingest) throws IOException {
        byte[] bomb = Fixtures.gzipBomb(10_240);
        assertThat(bomb.length).isLessThan(12 * Fixtures.MIB);

        RawHttp.Response response = post(ingest, "application/tlsrpt+gzip", bomb);

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(problem(response).get("code").asText()).isEqualTo("compression-ratio");
    }

    @Test
    @Order(2)
    void theSameBombAsContentEncodingGzipIsRefused413WithoutBeingInflatedPastTheBodyLimit(RunningIngest ingest)
            throws IOException {
        RawHttp.Response response;
        try (RawHttp http = new RawHttp(ingest.httpPort())) {
            byte[] bomb = Fixtures.gzipBomb(10_240);
            http.write(("POST /v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/tlsrpt+json\r\n"
                    + "Content-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            http.write(bomb);
            response = http.read();
        }

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(problem(response).get("code").asText()).isEqualTo("decompressed-too-large");
    }

    @Test
    @Order(3)
    void aZipWhoseEntryExpandsToAGibibyteIsRefused413(RunningIngest ingest) throws IOException {
        RawHttp.Response response = post(ingest, "application/zip", Fixtures.zipBomb("report.json", 1024));

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(problem(response).get("code").asText()).isEqualTo("compression-ratio");
    }

    @Test
    @Order(4)
    void zipBombsNestedInAZipAreNotOpenedAndTheArchiveIsRefusedAsNested(RunningIngest ingest) throws IOException {
        byte[] innermost = Fixtures.zipBomb("bomb.json", 512);
        byte[] nested = Fixtures.zip("middle.zip", Fixtures.zip("a.zip", innermost, "b.zip", innermost),
                "report.json", Fixtures.report("nested-zip.example"));

        RawHttp.Response response = post(ingest, "application/zip", nested);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        JsonNode problem = problem(response);
        assertThat(problem.get("code").asText()).isEqualTo("nested-archive");
        assertThat(problem.get("path").asText()).isEqualTo("zip:middle.zip");
    }

    @Test
    @Order(5)
    void aDeclaredGigabyteIsRefused413WithoutTheServerWaitingForTheBody(RunningIngest ingest) throws IOException {
        try (RawHttp http = new RawHttp(ingest.httpPort())) {
            http.write(("POST /v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/tlsrpt+gzip\r\n"
                    + "Content-Length: 1073741824\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // Not one byte of the body is sent: an answer can only come from the declared length.

            RawHttp.Response response = http.read();

            assertThat(response.status()).isEqualTo(413);
        }
    }

    @Test
    @Order(6)
    void invalidUtf8InAJsonReportIsRefused400AsInvalidUtf8(RunningIngest ingest) throws IOException {
        byte[] report = Fixtures.report("utf8.example");
        String text = new String(report, StandardCharsets.US_ASCII);
        int at = text.indexOf("Google Inc.");
        ByteArrayOutputStream broken = new ByteArrayOutputStream();
        broken.write(report, 0, at);
        broken.write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}); // a lead byte without continuation, then 0xFF
        broken.write(report, at, report.length - at);

        RawHttp.Response response = post(ingest, "application/tlsrpt+json", broken.toByteArray());

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(problem(response).get("code").asText()).isEqualTo("invalid-utf8");
    }

    @Test
    @Order(7)
    void jsonNestedAHundredThousandLevelsDeepIsRefused400(RunningIngest ingest) throws IOException {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

        RawHttp.Response response = post(ingest, "application/tlsrpt+json", Fixtures.ascii(deep));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(problem(response).get("code").asText()).isEqualTo("nesting-too-deep");
    }

    @Test
    @Order(8)
    void slowClientsThatStallInTheirHeadersAreDisconnectedWhileOthersAreServed(RunningIngest ingest)
            throws Exception {
        byte[] start = Fixtures.ascii("POST /v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: appli");
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                slow.add(new RawHttp(ingest.httpPort()));
            }
            for (int b = 0; b < 12; b++) {
                for (RawHttp client : slow) {
                    client.write(new byte[] {start[b]});
                }
                Thread.sleep(50);
            }
            for (RawHttp client : slow) {
                client.write(java.util.Arrays.copyOfRange(start, 12, start.length));
            }

            assertThat(ingest.app.readiness()).as("served while 50 clients stall").isEqualTo(200);
            for (RawHttp client : slow) {
                // The socket timeout is far above the idle timeout: a read that ends means the server hung up.
                client.socket().setSoTimeout((int) RunningIngest.IDLE_TIMEOUT.multipliedBy(10).toMillis());
                assertThat(client.closedByServer()).as("closed by the server").isTrue();
            }
        } finally {
            for (RawHttp client : slow) {
                client.close();
            }
        }
    }

    @Test
    @Order(9)
    void aMailDeclaringAGigabyteIsRefused552BeforeItsData(RunningIngest ingest) throws IOException {
        try (SmtpDialog smtp = new SmtpDialog(ingest.smtpPort)) {
            assertThat(smtp.begin(" SIZE=1073741824")).startsWith("552");
        }
    }

    @Test
    @Order(10)
    void aMailWithAGzipBombAttachedIsRefused552AsTooLarge(RunningIngest ingest) throws IOException {
        String mail = Fixtures.mail("bomb-mail.example", Fixtures.gzipBomb(1024));

        try (SmtpDialog smtp = new SmtpDialog(ingest.smtpPort)) {
            assertThat(smtp.send(mail)).startsWith("552").contains("compression-ratio");
        }
    }

    @Test
    @Order(11)
    void aMultipartMailWhoseBoundaryNeverComesIsRefused550AsHoldingNoReport(RunningIngest ingest)
            throws IOException {
        String mail = "From: reporter@mail.example\r\nTo: tlsrpt@reports.example\r\n"
                + "Subject: Report Domain: broken-mime.example\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"never-seen\"\r\n\r\n"
                + "--other\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(Fixtures.gzip(Fixtures.report("broken-mime.example")))
                + "\r\n";

        try (SmtpDialog smtp = new SmtpDialog(ingest.smtpPort)) {
            assertThat(smtp.send(mail)).startsWith("550 5.6.0").contains("no-report-in-message");
        }
    }

    @Test
    @Order(12)
    void aReportAttachmentThatIsNotValidBase64IsAccepted250AndKeptInQuarantine(RunningIngest ingest)
            throws IOException {
        String mail = Fixtures.mail("bad-base64.example", new byte[0]).replace("\r\n\r\n\r\n--b1--",
                "\r\n\r\nH4sI!!!!not*base64~~~~\r\n%%%%\r\n--b1--");

        try (SmtpDialog smtp = new SmtpDialog(ingest.smtpPort)) {
            assertThat(smtp.send(mail)).startsWith("250").contains("kept in quarantine");
        }
    }

    @Test
    @Order(13)
    void headersWithoutPartsAndBinaryGarbageAreAnsweredAsTheTableSaysAndTheSessionGoesOn(RunningIngest ingest)
            throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.Random(8460).nextBytes(garbage);
        String binary = new String(garbage, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..");

        try (SmtpDialog smtp = new SmtpDialog(ingest.smtpPort)) {
            // A mail with no report part: NotAReport, 550. Bytes that are no mail at all: Quarantined, 250.
            assertThat(smtp.send("Content-Type: multipart/mixed\r\n\r\n")).startsWith("550 5.6.0");
            assertThat(smtp.send(binary)).startsWith("250").contains("kept in quarantine: unsupported-format");
            assertThat(smtp.send(Fixtures.mail("after-garbage.example",
                    Fixtures.gzip(Fixtures.report("after-garbage.example"))))).startsWith("250");
        }
    }

    @Test
    @Order(14)
    void aZipOfThirtyTwoEntriesThatEachPassTheirLimitsIsRefused413OverTheInputBudget(RunningIngest ingest)
            throws IOException {
        // Kept whole, as before the budget, its entries would take 1.3 GB of this 256 MB heap.
        RawHttp.Response response = post(ingest, "application/zip", manyEntryBomb());

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        JsonNode problem = problem(response);
        assertThat(problem.get("code").asText()).isEqualTo("input-budget-exceeded");
        assertThat(problem.get("path").asText()).isEqualTo("zip:part-1.json");
    }

    @Test
    @Order(15)
    void aReportBeforeTheBudgetRanOutIsStoredAndTheInputQuarantinedWithTheBudgetAsReason(RunningIngest ingest)
            throws IOException {
        String domain = "before-budget.example";
        byte[] archive = Fixtures.zip("good.json", Fixtures.report(domain),
                "big-1.json", Bombs.compressibleText(40), "big-2.json", Bombs.compressibleText(40));
        int quarantinedBefore = budgetQuarantined(ingest);

        RawHttp.Response response = post(ingest, "application/zip", archive);

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(problem(response).get("code").asText()).isEqualTo("input-budget-exceeded");
        assertThat(TopicRecords.policyDomains(TopicRecords.reports(ingest.kafka.bootstrapServers())))
                .as("the report read within the budget is stored").contains(domain);
        assertThat(budgetQuarantined(ingest)).as("the input kept in quarantine with the reason")
                .isEqualTo(quarantinedBefore + 1);
    }

    @Test
    @Order(16)
    void aMailCarryingTheManyEntryZipIsRefused552OverTheInputBudget(RunningIngest ingest) throws IOException {
        String mail = Fixtures.mail("budget-mail.example", "application/zip",
                "google.com!budget-mail.example!1764201600!1764287999.zip", manyEntryBomb());

        try (SmtpDialog smtp = new SmtpDialog(ingest.smtpPort)) {
            assertThat(smtp.send(mail)).startsWith("552").contains("input-budget-exceeded");
        }
    }

    private static byte[] manyEntryBomb;

    private static synchronized byte[] manyEntryBomb() {
        if (manyEntryBomb == null) {
            manyEntryBomb = Fixtures.manyEntryZipBomb(32, 40);
        }
        return manyEntryBomb;
    }

    private static int budgetQuarantined(RunningIngest ingest) {
        return (int) TopicRecords.quarantine(ingest.kafka.bootstrapServers()).stream()
                .filter(record -> record.reason().code().code().equals("input-budget-exceeded")).count();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterAllOfThatTheApplicationIsAliveReadyAndStillAcceptsReports(RunningIngest ingest) throws Exception {
        assertThat(ingest.app.isAlive()).as("alive on a %s heap; log:%n%s", AppProcess.HEAP, ingest.app.tail())
                .isTrue();
        assertThat(ingest.app.readiness()).isEqualTo(200);
        assertThat(post(ingest, "application/tlsrpt+gzip", Fixtures.gzip(Fixtures.report("still-fine.example")))
                .status()).isEqualTo(201);
        try (SmtpDialog smtp = new SmtpDialog(ingest.smtpPort)) {
            assertThat(smtp.send(Fixtures.mail("still-fine-smtp.example",
                    Fixtures.gzip(Fixtures.report("still-fine-smtp.example"))))).startsWith("250");
        }
    }
}
