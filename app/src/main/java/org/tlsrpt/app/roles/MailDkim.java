package org.tlsrpt.app.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.ingest.dkim.DkimConfig;
import org.tlsrpt.ingest.dkim.DkimVerifier;

/** The one DKIM verifier the mail channels (SMTP, IMAP) share. */
@ApplicationScoped
public class MailDkim {

    private final DkimVerifier verifier;

    @Inject
    public MailDkim(IngestConfig config) {
        this.verifier = verifier(config);
    }

    /** A verifier as the ingest's settings ask for: also for {@code tlsrpt reprocess}, which starts no bean. */
    public static DkimVerifier verifier(IngestConfig config) {
        return new DkimVerifier(DkimConfig.of(config.dkim().resolver().orElse(null), config.dkim().timeout()));
    }

    public DkimVerifier verifier() {
        return verifier;
    }
}
