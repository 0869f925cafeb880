package org.tlsrpt.app.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.ingest.imap.ImapConfig;
import org.tlsrpt.ingest.imap.MailboxConfig;
import org.tlsrpt.ingest.imap.TlsMode;
import org.tlsrpt.ingest.smtp.SmtpConfig;

/**
 * The operator's {@code tlsrpt.ingest.*} settings, whose defaults are written only in {@link IngestConfig}, mapped
 * onto the records the ingest library takes: the defaults arrive whole and pass the library's checks, and what the
 * operator sets arrives where it belongs.
 */
class IngestConfigMappingTest {

    private static IngestConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 400))
                .build()
                .getConfigMapping(IngestConfig.class);
    }

    @Test
    void theSmtpDefaultsListenOnEveryInterfaceOnPort2525AndAcceptEveryRecipient() {
        SmtpConfig smtp = SmtpChannel.config(config(Map.of()).smtp());

        assertThat(smtp).isEqualTo(new SmtpConfig("0.0.0.0", 2525, null, null, java.util.List.of(),
                20 * 1024 * 1024, 10, 100, Duration.ofSeconds(60)));
    }

    @Test
    void smtpSettingsArriveInTheLibrarysConfiguration() {
        SmtpConfig smtp = SmtpChannel.config(config(Map.of("tlsrpt.ingest.smtp.host", "127.0.0.1",
                "tlsrpt.ingest.smtp.port", "0", "tlsrpt.ingest.smtp.recipients", "TLSRPT@Example.com,@reports.example",
                "tlsrpt.ingest.smtp.max-message-size", "4096", "tlsrpt.ingest.smtp.max-recipients", "2",
                "tlsrpt.ingest.smtp.max-connections", "3", "tlsrpt.ingest.smtp.idle-timeout", "5s")).smtp());

        assertThat(smtp).isEqualTo(new SmtpConfig("127.0.0.1", 0, null, null,
                java.util.List.of("tlsrpt@example.com", "@reports.example"), 4096, 2, 3, Duration.ofSeconds(5)));
    }

    @Test
    void aCertificateWithoutItsKeyOffersNoStartTls() {
        SmtpConfig smtp = SmtpChannel.config(config(Map.of("tlsrpt.ingest.smtp.tls-certificate", "/etc/ssl/cert.pem"))
                .smtp());

        assertThat(smtp.tls()).isNull();
    }

    @Test
    void theImapDefaultsPollEveryMinuteWithIdleAndAMailboxUsesTheStandardFoldersOverRequiredStartTls() {
        ImapConfig imap = ImapChannel.config(config(Map.of("tlsrpt.ingest.imap.mailboxes.main.host", "imap.example",
                "tlsrpt.ingest.imap.mailboxes.main.user", "tlsrpt",
                "tlsrpt.ingest.imap.mailboxes.main.password", "secret")).imap());

        assertThat(imap.batchSize()).isEqualTo(50);
        assertThat(imap.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(imap.idle()).isTrue();
        assertThat(imap.maxMessageBytes()).isEqualTo(20 * 1024 * 1024);
        assertThat(imap.mailboxes()).containsExactly(new MailboxConfig("imap.example", 143, "tlsrpt", "secret", null,
                "INBOX", "processed", "invalid", TlsMode.STARTTLS, null));
    }

    @Test
    void aMailboxSettingTheLibraryRefusesIsRefusedWithTheReason() {
        IngestConfig.Imap settings = config(Map.of("tlsrpt.ingest.imap.mailboxes.main.host", "imap.example",
                "tlsrpt.ingest.imap.mailboxes.main.user", "tlsrpt",
                "tlsrpt.ingest.imap.mailboxes.main.password", "secret",
                "tlsrpt.ingest.imap.mailboxes.main.processed-folder", "INBOX")).imap();

        assertThatThrownBy(() -> ImapChannel.config(settings))
                .hasMessageContaining("must differ from the polled folder");
    }

    @Test
    void theDkimTimeoutDefaultsToFiveSecondsWithTheSystemsResolvers() {
        MailDkim dkim = new MailDkim(config(Map.of()));

        assertThat(dkim.verifier().config().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(dkim.verifier().config().resolver()).isNull();
    }
}
