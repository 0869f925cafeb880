package org.tlsrpt.core.message;

import org.tlsrpt.core.Limits;

/**
 * The Kafka topics the records of {@link RecordCodec} travel on, and the largest record they take: one home for the
 * ingest side that writes them, the processor that reads them, the embedded broker that declares them and the
 * commands that write to them. Plain names and numbers: core knows no Kafka client.
 */
public final class Topics {

    /** Readable reports, keyed by the report identity. */
    public static final String REPORTS = "tlsrpt.reports";
    /** What could not be read, keyed by the raw SHA-256, with the reason. */
    public static final String QUARANTINE = "tlsrpt.quarantine";
    /**
     * The largest accepted input plus room for the metadata and batch overhead, at least 32 MiB: the producers'
     * {@code max.request.size} and the broker's {@code message.max.bytes} both take this one number.
     */
    public static final int MAX_RECORD_BYTES =
            (int) Math.max(32L * 1024 * 1024, Limits.DEFAULTS.maxMessageBytes() + 4L * 1024 * 1024);

    private Topics() {
    }
}
