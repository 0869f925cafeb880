package org.tlsrpt.ingest;

/** How a report reached us. Recorded on every report and quarantined item. */
public enum Channel {
    HTTP,
    SMTP,
    IMAP,
    /** Read from files, mbox or Maildir by {@code tlsrpt import}. */
    IMPORT,
    /**
     * Quarantined bytes run again through today's parser and policy ({@code tlsrpt reprocess}). Exempt from quotas;
     * what is refused again is not quarantined again (it is there already).
     */
    REPROCESS
}
