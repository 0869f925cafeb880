package org.tlsrpt.ingest.dkim;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.testing.LocalUnbound;
import org.tlsrpt.ingest.testing.MailTools;

/** DKIM against real keys published by a real DNS server (unbound), signed in the test with jDKIM's signer. */
class DkimVerifierTest {

    private static KeyPair senderKey;
    private static KeyPair mailerKey;
    private static LocalUnbound dns;
    private static DkimVerifier verifier;

    @BeforeAll
    static void publishKeys(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        senderKey = generator.generateKeyPair();
        mailerKey = generator.generateKeyPair();
        dns = LocalUnbound.start(dir, List.of("sender.example.", "mailer.example."), Map.of(
                "s1._domainkey.sender.example.", record(senderKey),
                "k2._domainkey.mailer.example.", record(mailerKey)));
        verifier = new DkimVerifier(DkimConfig.of(dns.address(), Duration.ofSeconds(3)));
    }

    @AfterAll
    static void stopDns() {
        if (dns != null) {
            dns.close();
        }
    }

    private static String record(KeyPair key) {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    static byte[] reportMail(String submitter) {
        return ("From: TLS reports <noreply-tlsrpt@" + submitter + ">\r\n"
                + "To: tlsrpt@reports.example\r\n"
                + "Subject: Report Domain: reports.example Submitter: " + submitter + "\r\n"
                + " Report-ID: <2024.09.15T00:00:00Z+reports.example@" + submitter + ">\r\n"
                + "TLS-Report-Domain: reports.example\r\n"
                + "TLS-Report-Submitter: " + submitter + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; boundary=\"b1\"; report-type=tlsrpt\r\n"
                + "\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate TLS report.\r\n"
                + "--b1\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "H4sIAAAAAAAC/6tWSs7PS8tMBwAh/mmBBwAAAA==\r\n"
                + "--b1--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sign(byte[] message, String domain, String selector, KeyPair key) throws Exception {
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + "; h=from:to:subject:tls-report-domain:tls-report-submitter:content-type; bh=; b=;",
                key.getPrivate());
        String header = signer.sign(new ByteArrayInputStream(message));
        byte[] signature = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[signature.length + message.length];
        System.arraycopy(signature, 0, signed, 0, signature.length);
        System.arraycopy(message, 0, signed, signature.length, message.length);
        return signed;
    }

    static byte[] signedBySender(String submitter) throws Exception {
        return sign(reportMail(submitter), "sender.example", "s1", senderKey);
    }

    @Test
    void aValidSignatureByTheSubmittersDomainPassesAligned() throws Exception {
        DkimVerdict verdict = verifier.verify(signedBySender("sender.example"));
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.PASS);
        assertThat(verdict.signingDomain()).isEqualTo("sender.example");
        assertThat(verdict.aligned()).isTrue();
    }

    @Test
    void aSignatureByAParentOfTheSubmittersDomainIsAligned() throws Exception {
        DkimVerdict verdict = verifier.verify(signedBySender("tlsrpt.mx.sender.example"));
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.PASS);
        assertThat(verdict.aligned()).isTrue();
    }

    @Test
    void aValidSignatureBySomebodyElsePassesButIsNotAligned() throws Exception {
        DkimVerdict verdict = verifier.verify(sign(reportMail("sender.example"), "mailer.example", "k2", mailerKey));
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.PASS);
        assertThat(verdict.signingDomain()).isEqualTo("mailer.example");
        assertThat(verdict.aligned()).isFalse();
    }

    @Test
    void withoutTlsReportSubmitterTheFromDomainIsTheSubmitter() throws Exception {
        byte[] mail = new String(reportMail("sender.example"), StandardCharsets.US_ASCII)
                .replace("TLS-Report-Submitter: sender.example\r\n", "").getBytes(StandardCharsets.US_ASCII);
        DkimVerdict verdict = verifier.verify(sign(mail, "sender.example", "s1", senderKey));
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.PASS);
        assertThat(verdict.aligned()).isTrue();
    }

    @Test
    void anAlteredBodyFails() throws Exception {
        String signed = new String(signedBySender("sender.example"), StandardCharsets.US_ASCII);
        byte[] altered = signed.replace("aggregate TLS report", "aggregate TLS r3port").getBytes(StandardCharsets.US_ASCII);
        DkimVerdict verdict = verifier.verify(altered);
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.FAIL);
        assertThat(verdict.signingDomain()).isEqualTo("sender.example");
        assertThat(verdict.detail()).containsIgnoringCase("body");
    }

    @Test
    void anAlteredSignedHeaderFails() throws Exception {
        String signed = new String(signedBySender("sender.example"), StandardCharsets.US_ASCII);
        byte[] altered = signed.replace("TLS-Report-Domain: reports.example", "TLS-Report-Domain: victim.example")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(verifier.verify(altered).result()).isEqualTo(DkimVerdict.Result.FAIL);
    }

    @Test
    void aSignatureWhoseKeyIsNotPublishedFails() throws Exception {
        DkimVerdict verdict = verifier.verify(sign(reportMail("sender.example"), "sender.example", "gone", senderKey));
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.FAIL);
    }

    @Test
    void aMessageWithoutSignatureIsNone() {
        DkimVerdict verdict = verifier.verify(reportMail("sender.example"));
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.NONE);
        assertThat(verdict.aligned()).isFalse();
    }

    @Test
    void anUnreachableDnsServerIsATemporaryError() throws Exception {
        DkimVerifier unreachable = new DkimVerifier(
                DkimConfig.of("127.0.0.1:" + MailTools.freePort(), Duration.ofSeconds(1)));
        DkimVerdict verdict = unreachable.verify(signedBySender("sender.example"));
        assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.TEMPERROR);
        assertThat(verdict.signingDomain()).isEqualTo("sender.example");
    }

    @Test
    void requirePolicyPermitsOnlyAnAlignedPass() throws Exception {
        assertThat(DkimPolicy.REQUIRE.permits(verifier.verify(signedBySender("sender.example")))).isTrue();
        assertThat(DkimPolicy.REQUIRE.permits(verifier.verify(
                sign(reportMail("sender.example"), "mailer.example", "k2", mailerKey)))).isFalse();
        assertThat(DkimPolicy.REQUIRE.permits(DkimVerdict.UNSIGNED)).isFalse();
        assertThat(DkimPolicy.RECORD.permits(DkimVerdict.UNSIGNED)).isTrue();
    }
}
