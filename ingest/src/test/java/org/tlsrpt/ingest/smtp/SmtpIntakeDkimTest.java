package org.tlsrpt.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsrpt.ingest.smtp.RawSmtpClient.expect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.dkim.DkimConfig;
import org.tlsrpt.ingest.dkim.DkimPolicy;
import org.tlsrpt.ingest.dkim.DkimVerifier;
import org.tlsrpt.ingest.testing.LocalUnbound;
import org.tlsrpt.ingest.testing.RecordingIntake;

/** The verdict travels with the message: a signed report mailed to the intake reaches ReportIntake with PASS. */
class SmtpIntakeDkimTest {

    @Test
    void aSignedReportMailedToTheIntakeReachesReportIntakeWithAnAlignedPass(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        String published = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
        byte[] mail = SmtpIntakeTest.googleReportMail();
        String unsigned = new String(mail, StandardCharsets.US_ASCII)
                .replaceFirst("(?s)DKIM-Signature:.*?\r\n(?=MIME-Version)", "");
        String signature = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=20230601; "
                + "h=from:to:subject:message-id:tls-report-submitter:tls-report-domain; bh=; b=;", key.getPrivate())
                .sign(new ByteArrayInputStream(unsigned.getBytes(StandardCharsets.US_ASCII)));
        byte[] signed = (signature + "\r\n" + unsigned).getBytes(StandardCharsets.US_ASCII);

        RecordingIntake intake = new RecordingIntake();
        try (LocalUnbound dns = LocalUnbound.start(dir, List.of("google.com."),
                Map.of("20230601._domainkey.google.com.", published));
                SmtpIntake smtp = new SmtpIntake(intake, TestSmtpConfig.loopback().build(),
                        new DkimVerifier(DkimConfig.of(dns.address(), Duration.ofSeconds(3))))) {
            smtp.start();
            try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("noreply@google.com", "tlsrpt@example.net")) {
                expect(client.data(signed), 250);
            }
        }

        DkimVerdict verdict = intake.only().dkim();
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.PASS);
        assertThat(verdict.signingDomain()).isEqualTo("google.com");
        assertThat(verdict.aligned()).isTrue();
        assertThat(DkimPolicy.REQUIRE.permits(verdict)).isTrue();
    }
}
