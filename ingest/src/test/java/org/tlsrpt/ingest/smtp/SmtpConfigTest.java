package org.tlsrpt.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpConfigTest {

    @Test
    void defaultsListenOnEveryInterfaceOnPort2525AndAcceptEveryRecipient() {
        SmtpConfig config = SmtpConfig.defaults();
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(2525);
        assertThat(config.tls()).isNull();
        assertThat(config.recipients()).isEmpty();
        assertThat(config.maxMessageSize()).isEqualTo(20 * 1024 * 1024);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void recipientsAreKeptInLowerCase() {
        assertThat(SmtpConfig.defaults().withRecipients(List.of(" TLSRPT@Example.COM ", "@Reports.Example"))
                .recipients()).containsExactly("tlsrpt@example.com", "@reports.example");
    }

    @Test
    void aRecipientThatIsNeitherAnAddressNorADomainIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SmtpConfig.defaults().withRecipients(List.of("example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example.com");
        assertThatThrownBy(() -> SmtpConfig.defaults().withRecipients(List.of("a@b@c.example")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThatThrownBy(() -> SmtpConfig.defaults().withBind("127.0.0.1", 70000))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> SmtpConfig.defaults().withMaxMessageSize(10)).hasMessageContaining("maxMessageSize");
        assertThatThrownBy(() -> SmtpConfig.defaults().withMaxRecipients(0)).hasMessageContaining("maxRecipients");
        assertThatThrownBy(() -> SmtpConfig.defaults().withMaxConnections(0)).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> SmtpConfig.defaults().withIdleTimeout(Duration.ZERO))
                .hasMessageContaining("idleTimeout");
    }

    @Test
    void aCertificateThatCannotBeReadIsRefusedAtStart() {
        assertThatThrownBy(() -> SmtpConfig.defaults()
                .withTls(new SmtpConfig.Tls(Path.of("/nonexistent/cert.pem"), Path.of("/nonexistent/key.pem"))))
                .hasMessageContaining("/nonexistent/cert.pem");
    }
}
