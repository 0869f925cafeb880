package org.tlsrpt.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One client cannot fill the disk: past its burst it gets 429 with Retry-After, and other clients are not
 * affected. Each client here is its own loopback address, as the limiter counts per remote address.
 */
@ExtendWith(RunningIngest.class)
class RateLimitIT {

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhileAnotherClientIsStillServed(RunningIngest ingest)
            throws Exception {
        List<Integer> statuses = new ArrayList<>();
        RawHttp.Response refused;
        try (RawHttp client = new RawHttp(ingest.httpPort(), "127.0.0.2")) {
            for (int i = 0; i < RunningIngest.BURST; i++) {
                statuses.add(client.post("/v1/reports", "application/tlsrpt+json",
                        Fixtures.report("burst-" + i + ".example")).status());
            }
            refused = client.post("/v1/reports", "application/tlsrpt+json", Fixtures.report("one-too-many.example"));
        }

        assertThat(statuses).as("the burst is served").containsOnly(201);
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).as("whole seconds").matches("[1-9][0-9]*");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(new ObjectMapper().readTree(refused.body()).get("code").asText()).isEqualTo("too-many-requests");

        try (RawHttp other = new RawHttp(ingest.httpPort(), "127.0.0.3")) {
            assertThat(other.post("/v1/reports", "application/tlsrpt+json",
                    Fixtures.report("other-client.example")).status()).isEqualTo(201);
        }
    }
}
