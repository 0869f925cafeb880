package org.tlsrpt.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the api role ({@code tlsrpt.api.*}, or {@code TLSRPT_API_*} environment variables). */
@ConfigMapping(prefix = "tlsrpt.api")
public interface ApiConfig {

    /**
     * A bearer token for all domains ({@code TLSRPT_API_TOKEN}), valid while configured. Absent, and no token
     * ever stored: one is generated on first start, shown on the terminal of an interactive {@code tlsrpt run} or
     * else written to {@code <data-dir>/secrets/first-start-token}, never logged.
     */
    Optional<String> token();

    /**
     * Key of the HMAC-SHA256 under which token secrets are stored: with it secret, a copy of the token table does
     * not allow guessing a weak token offline, and nobody who can write the table can forge a token. Absent: one
     * made for this installation, kept in {@code <data-dir>/secrets/api-token-pepper}. Separate api processes
     * (Kubernetes) must all set the same one.
     */
    Optional<String> tokenPepper();

    /** How long a checked token is trusted without asking ClickHouse again (bounds how late a revocation bites). */
    @WithDefault("10s")
    Duration tokenCacheTtl();

    /**
     * Require a token for {@code /q/health}, {@code /q/metrics}, {@code /q/openapi} and {@code /q/swagger-ui} too
     * (on the management port).
     */
    @WithDefault("false")
    boolean protectManagement();

    /** Days covered when a request gives no {@code from}. */
    @WithDefault("30")
    int defaultRangeDays();

    /** Longest time range one request may ask for, in days (the retention is 800 days by default). */
    @WithDefault("400")
    int maxRangeDays();

    /** Page size when a request gives no {@code limit}. */
    @WithDefault("100")
    int defaultPageSize();

    /** Largest {@code limit} a request may ask for. */
    @WithDefault("1000")
    int maxPageSize();
}
