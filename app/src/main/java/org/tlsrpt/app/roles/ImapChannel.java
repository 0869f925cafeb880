package org.tlsrpt.app.roles;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.imap.ImapConfig;
import org.tlsrpt.ingest.imap.ImapIntake;
import org.tlsrpt.ingest.imap.MailboxConfig;

/** Polls the configured mailboxes when this process runs the ingest role and any mailbox is configured. */
@ApplicationScoped
public class ImapChannel {

    @Inject
    IngestConfig config;

    @Inject
    ActiveRoles roles;

    @Inject
    Instance<ReportIntake> intake;

    @Inject
    MailDkim dkim;

    @Inject
    IntakeMetrics metrics;

    private ImapIntake imap;

    /** After the infrastructure (priority 10) is up. */
    void start(@Observes @Priority(100) StartupEvent event) {
        IngestConfig.Imap settings = config.imap();
        if (!roles.runs(Role.INGEST) || settings.mailboxes().isEmpty()) {
            return;
        }
        imap = new ImapIntake(intake.get(), config(settings), dkim.verifier()::verify, metrics);
        imap.start();
    }

    /** The library's configuration from the operator's settings. */
    static ImapConfig config(IngestConfig.Imap settings) {
        List<MailboxConfig> mailboxes = settings.mailboxes().values().stream()
                .map(m -> new MailboxConfig(m.host(), m.port(), m.user(), m.password().orElse(null),
                        m.passwordFile().orElse(null), m.folder(), m.processedFolder(), m.invalidFolder(), m.tls(),
                        m.trustedCertificate().orElse(null)))
                .toList();
        return ImapConfig.of(mailboxes, settings.batchSize(), settings.pollInterval(), settings.idle(),
                settings.maxMessageSize());
    }

    void stop(@Observes ShutdownEvent event) {
        if (imap != null) {
            imap.close();
        }
    }
}
