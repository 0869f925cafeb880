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
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;
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
        smtp = new SmtpIntake(intake.get(), config(settings), dkim.verifier(), metrics);
        smtp.start();
        LOG.infof("SMTP intake listening on %s:%d", settings.host(), smtp.port());
    }

    /** The library's configuration from the operator's settings; STARTTLS only with both certificate and key. */
    static SmtpConfig config(IngestConfig.Smtp settings) {
        SmtpConfig.Tls tls = settings.tlsCertificate().isPresent() && settings.tlsKey().isPresent()
                ? new SmtpConfig.Tls(settings.tlsCertificate().get(), settings.tlsKey().get())
                : null;
        return new SmtpConfig(settings.host(), settings.port(), null, tls, settings.recipients().orElse(List.of()),
                settings.maxMessageSize(), settings.maxRecipients(), settings.maxConnections(), settings.idleTimeout());
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
