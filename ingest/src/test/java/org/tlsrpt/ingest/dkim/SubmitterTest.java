package org.tlsrpt.ingest.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubmitterTest {

    private static RawHeaders headers(String text) {
        return RawHeaders.of((text + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theTlsReportSubmitterHeaderNamesTheSubmitter() {
        assertThat(Submitter.domain(headers("From: a@other.example\r\nTLS-Report-Submitter: Google.COM.")))
                .isEqualTo("google.com");
    }

    @Test
    void withoutItTheFromAddressDomainIsUsed() {
        assertThat(Submitter.domain(headers("From: \"Reports\" <noreply@Mail.Example.org>"))).isEqualTo("mail.example.org");
    }

    @Test
    void aDomainIsAlignedWithItselfAndItsSubdomainsButNotWithLookalikes() {
        assertThat(Submitter.aligned("google.com", "google.com")).isTrue();
        assertThat(Submitter.aligned("google.com", "mail.google.com")).isTrue();
        assertThat(Submitter.aligned("google.com", "notgoogle.com")).isFalse();
        assertThat(Submitter.aligned("mail.google.com", "google.com")).isFalse();
        assertThat(Submitter.aligned("com", "google.com")).isFalse();
        assertThat(Submitter.aligned(null, "google.com")).isFalse();
    }

    @Test
    void foldedHeadersAreReadWholeAndTheBodyStartsAfterTheEmptyLine() {
        byte[] mail = "Subject: a\r\n b\r\nFrom: x@y.example\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        RawHeaders headers = RawHeaders.of(mail);
        assertThat(headers.getFields()).containsExactly("Subject: a\r\n b", "From: x@y.example");
        assertThat(headers.value("subject")).isEqualTo("a b");
        assertThat(new String(mail, headers.bodyStart(), mail.length - headers.bodyStart(), StandardCharsets.US_ASCII))
                .isEqualTo("body");
    }
}
