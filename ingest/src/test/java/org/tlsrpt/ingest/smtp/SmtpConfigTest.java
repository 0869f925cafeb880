package org.tlsrpt.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpConfigTest {

    @Test
    void recipientsAreKeptInLowerCase() {
        assertThat(TestSmtpConfig.loopback().withRecipients(List.of(" TLSRPT@Example.COM ", "@Reports.Example"))
                .recipients()).containsExactly("tlsrpt@example.com", "@reports.example");
    }

    @Test
    void aRecipientThatIsNeitherAnAddressNorADomainIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TestSmtpConfig.loopback().withRecipients(List.of("example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().withRecipients(List.of("a@b@c.example")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThatThrownBy(() -> TestSmtpConfig.loopback().withBind("127.0.0.1", 70000))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().withMaxMessageSize(10))
                .hasMessageContaining("maxMessageSize");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().withMaxRecipients(0))
                .hasMessageContaining("maxRecipients");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().withMaxConnections(0))
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().withIdleTimeout(Duration.ZERO))
                .hasMessageContaining("idleTimeout");
    }

    @Test
    void aCertificateThatCannotBeReadIsRefusedAtStart() {
        assertThatThrownBy(() -> TestSmtpConfig.loopback()
                .withTls(new SmtpConfig.Tls(Path.of("/nonexistent/cert.pem"), Path.of("/nonexistent/key.pem"))))
                .hasMessageContaining("/nonexistent/cert.pem");
    }
}
