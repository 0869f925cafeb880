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
        assertThat(TestSmtpConfig.loopback().recipients(List.of(" TLSRPT@Example.COM ", "@Reports.Example"))
                .build().recipients()).containsExactly("tlsrpt@example.com", "@reports.example");
    }

    @Test
    void aRecipientThatIsNeitherAnAddressNorADomainIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TestSmtpConfig.loopback().recipients(List.of("example.com")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().recipients(List.of("a@b@c.example")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThatThrownBy(() -> TestSmtpConfig.loopback().bind("127.0.0.1", 70000).build())
                .hasMessageContaining("port");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().maxMessageSize(10).build())
                .hasMessageContaining("maxMessageSize");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().maxRecipients(0).build())
                .hasMessageContaining("maxRecipients");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().maxConnections(0).build())
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> TestSmtpConfig.loopback().idleTimeout(Duration.ZERO).build())
                .hasMessageContaining("idleTimeout");
    }

    @Test
    void aCertificateThatCannotBeReadIsRefusedAtStart() {
        assertThatThrownBy(() -> TestSmtpConfig.loopback()
                .tls(new SmtpConfig.Tls(Path.of("/nonexistent/cert.pem"), Path.of("/nonexistent/key.pem"))).build())
                .hasMessageContaining("/nonexistent/cert.pem");
    }
}
