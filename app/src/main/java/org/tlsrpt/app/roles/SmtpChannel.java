package org.tlsrpt.app.roles;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.http.IngestConfig;
import org.tlsrpt.ingest.smtp.SmtpConfig;
import org.tlsrpt.ingest.smtp.SmtpIntake;

/** Runs the SMTP server when this process runs the ingest role and SMTP is enabled (the default). */
@ApplicationScoped
public class SmtpChannel {

    private static final Logger LOG = Logger.getLogger(SmtpChannel.class);

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

    private SmtpIntake smtp;

    /** After the infrastructure (priority 10) is up. */
    void start(@Observes @Priority(100) StartupEvent event) {
        IngestConfig.Smtp settings = config.smtp();
        if (!roles.runs(Role.INGEST) || !settings.enabled()) {
            return;
        }
        SmtpConfig smtpConfig = SmtpConfig.defaults()
                .withBind(settings.host(), settings.port())
                .withRecipients(settings.recipients().orElse(List.of()))
                .withMaxMessageSize(settings.maxMessageSize())
                .withMaxRecipients(settings.maxRecipients())
                .withMaxConnections(settings.maxConnections())
                .withIdleTimeout(settings.idleTimeout());
        if (settings.tlsCertificate().isPresent() && settings.tlsKey().isPresent()) {
            smtpConfig = smtpConfig.withTls(new SmtpConfig.Tls(settings.tlsCertificate().get(), settings.tlsKey().get()));
        }
        smtp = new SmtpIntake(intake.get(), smtpConfig, dkim.verifier(), metrics);
        smtp.start();
        LOG.infof("SMTP intake listening on %s:%d", settings.host(), smtp.port());
    }

    public int port() {
        return smtp == null ? -1 : smtp.port();
    }

    void stop(@Observes ShutdownEvent event) {
        if (smtp != null) {
            smtp.close();
        }
    }
}
