package org.tlsrpt.ingest.imap;

import java.util.Properties;

/**
 * The Jakarta Mail session properties for one mailbox. Credentials are never among them: they are passed to
 * {@code Store.connect} only, and protocol tracing of authentication stays off.
 */
final class SessionProperties {

    /** Partial fetches of this size keep round trips few for large reports. */
    private static final int FETCH_SIZE = 1024 * 1024;

    private SessionProperties() {
    }

    static Properties of(MailboxConfig mailbox, ImapConfig config) {
        String p = "mail." + mailbox.tls().protocol() + ".";
        Properties props = new Properties();
        props.setProperty("mail.store.protocol", mailbox.tls().protocol());
        props.setProperty("mail.debug.auth", "false");
        props.setProperty(p + "connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
        props.setProperty(p + "timeout", Long.toString(config.readTimeout().toMillis()));
        // Reading a message must not mark it \Seen: a message left behind must look untouched.
        props.setProperty(p + "peek", "true");
        props.setProperty(p + "fetchsize", Integer.toString(FETCH_SIZE));
        switch (mailbox.tls()) {
            case IMAPS -> props.setProperty(p + "ssl.enable", "true");
            case STARTTLS -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
            }
            case PLAIN -> props.setProperty(p + "starttls.enable", "false");
        }
        if (mailbox.tls() != TlsMode.PLAIN) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
            if (mailbox.trustedCertificate() != null) {
                props.put(p + "ssl.socketFactory", TrustedCertificates.socketFactory(mailbox.trustedCertificate()));
            }
        }
        return props;
    }
}
