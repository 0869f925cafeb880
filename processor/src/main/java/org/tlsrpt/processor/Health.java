package org.tlsrpt.processor;

import java.time.Instant;

/**
 * Whether a consumer is making progress: DOWN while ClickHouse refuses its batches (it then consumes nothing and
 * commits nothing), UP again after the next batch is written.
 *
 * @param up     true when the last write succeeded or none was needed
 * @param reason why it is down, or null
 * @param since  when the state began
 */
public record Health(boolean up, String reason, Instant since) {

    public static Health up(Instant since) {
        return new Health(true, null, since);
    }

    public static Health down(String reason, Instant since) {
        return new Health(false, reason, since);
    }
}
