package org.tlsrpt.ingest.kafka;

import org.tlsrpt.core.message.Topics;

/** The two topics the ingest writes: counted reports, and what could not be read. */
public record IntakeTopics(String reports, String quarantine) {

    public static final IntakeTopics DEFAULT = new IntakeTopics(Topics.REPORTS, Topics.QUARANTINE);
}
