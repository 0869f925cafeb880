package org.tlsrpt.ingest.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the ingest role ({@code tlsrpt.ingest.*}). */
@ConfigMapping(prefix = "tlsrpt.ingest")
public interface IngestConfig {

    /** Policy domains served here (exact, or {@code .example.com} for a suffix); absent: every domain. */
    Optional<List<String>> allowedDomains();

    /** {@code record}: keep the DKIM verdict; {@code require}: quarantine mailed reports without a valid signature. */
    @WithDefault("record")
    DkimPolicy dkimPolicy();

    /** How long a channel waits for Kafka to acknowledge before answering 503 / 451. */
    @WithDefault("10s")
    Duration ackTimeout();

    Http http();

    enum DkimPolicy {
        RECORD,
        REQUIRE
    }

    interface Http {
        /** Largest body accepted, after Content-Encoding; keep equal to quarkus.http.limits.max-body-size. */
        @WithDefault("20971520")
        long maxBodySize();

        /** Reports one client address may post per minute. */
        @WithDefault("600")
        int ratePerMinute();

        /** Reports one client may post at once before the rate applies. */
        @WithDefault("60")
        int burst();
    }
}
