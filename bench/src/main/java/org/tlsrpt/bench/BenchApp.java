package org.tlsrpt.bench;

import java.nio.file.Path;
import java.util.List;
import org.tlsrpt.app.testing.AppProcess;

/**
 * The packaged application as the benchmarks start it: everything embedded on free loopback ports, in a fresh
 * temporary directory ({@link AppProcess.Launch#startReady(java.time.Duration)}), without the limits that are
 * there for the Internet.
 */
final class BenchApp {

    private BenchApp() {
    }

    /**
     * {@code jvmOptions}, then those of the environment variable {@code TLSRPT_BENCH_APP_JVM} (space-separated), for
     * profiling the application, e.g. {@code -XX:StartFlightRecording=filename=/tmp/app.jfr,settings=profile}.
     */
    static AppProcess.Launch launch(Path jar, List<String> jvmOptions) {
        String extra = System.getenv("TLSRPT_BENCH_APP_JVM");
        if (extra != null && !extra.isBlank()) {
            jvmOptions = new java.util.ArrayList<>(jvmOptions);
            jvmOptions.addAll(List.of(extra.trim().split("\\s+")));
        }
        // The benchmark is one client address and one reporting organisation: the rate limit and the daily quotas
        // (1 GiB per client, a million reports per organisation) would otherwise answer 429.
        return AppProcess.of(jar).jvm(jvmOptions).embeddedOnFreePorts()
                .set("tlsrpt.ingest.http.rate-per-minute", 1_000_000_000)
                .set("tlsrpt.ingest.http.burst", 1_000_000)
                .set("tlsrpt.ingest.quota.bytes-per-client-per-day", 0)
                .set("tlsrpt.ingest.quota.reports-per-organisation-per-day", 0);
    }
}
