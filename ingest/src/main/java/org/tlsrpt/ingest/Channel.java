package org.tlsrpt.ingest;

/** How a report reached us. Recorded on every report and quarantined item. */
public enum Channel {
    HTTP,
    SMTP,
    IMAP,
    /** Read from a file by {@code tlsrpt import}. */
    FILE,
    /** Quarantined bytes run again through today's parser. */
    REPROCESS
}
