package org.tlsrpt.app.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;

/** A report mailed to the running application's SMTP intake: 250 only once it is in Kafka, 550 for a non-report. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class SmtpChannelTest {

    @Inject
    SmtpChannel smtp;

    @ConfigProperty(name = "tlsrpt.kafka.bootstrap-servers")
    String bootstrapServers;

    private static String mail(byte[] gzip) {
        return "From: noreply-smtp-tls-reporting@google.com\r\n"
                + "To: tlsrpt@reports.example\r\n"
                + "Subject: Report Domain: smtp.example Submitter: google.com Report-ID: <r1@google.com>\r\n"
                + "TLS-Report-Domain: smtp.example\r\n"
                + "TLS-Report-Submitter: google.com\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate TLS report.\r\n"
                + "--b1\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"google.com!smtp.example!1764201600!1764287999.json.gz\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(gzip) + "\r\n--b1--\r\n";
    }

    private String send(String message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", smtp.port())) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, "EHLO sender.example");
            String line;
            do {
                line = in.readLine();
            } while (line.startsWith("250-"));
            command(out, "MAIL FROM:<noreply-smtp-tls-reporting@google.com>");
            expect(in, "250");
            command(out, "RCPT TO:<tlsrpt@reports.example>");
            expect(in, "250");
            command(out, "DATA");
            expect(in, "354");
            out.write(message.getBytes(StandardCharsets.US_ASCII));
            command(out, ".");
            String answer = in.readLine();
            command(out, "QUIT");
            return answer;
        }
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line = in.readLine();
        assertThat(line).startsWith(code);
    }

    @Test
    void aMailedReportIsAnswered250AndIsInKafkaWithItsMailEnvelope() throws IOException {
        String message = mail(ReportUploadTest.gzip(ReportUploadTest.report("smtp.example")));
        String key = new ReportReader(Limits.DEFAULTS).read(message.getBytes(StandardCharsets.US_ASCII), null, null)
                .reports().get(0).key().value();

        assertThat(send(message)).startsWith("250");

        RecordCodec.Decoded<ReportRecord> decoded = RecordCodec.decodeReport(
                ReportUploadTest.find(bootstrapServers, "tlsrpt.reports", key).value());
        assertThat(decoded.record().receipt().channel()).isEqualTo("smtp");
        assertThat(decoded.record().receipt().location()).isEqualTo("mime:2");
        assertThat(decoded.record().receipt().envelope().tlsReportSubmitter()).isEqualTo("google.com");
        assertThat(decoded.record().receipt().dkim()).isEqualTo("none");
    }

    @Test
    void aMailWithoutAReportIsRefusedWith550() throws IOException {
        String message = "From: cron@host.example\r\nTo: tlsrpt@reports.example\r\nSubject: cron\r\n\r\nall fine\r\n";

        assertThat(send(message)).startsWith("550");
    }
}
