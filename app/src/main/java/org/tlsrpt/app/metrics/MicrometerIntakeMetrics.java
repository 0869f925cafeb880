package org.tlsrpt.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.IntakeRefusal;

/**
 * The ingest's counts as Micrometer meters, exported by Quarkus at {@code /q/metrics}. Every tag value comes from
 * an enum ({@link Channel}, {@link RefusalCode}, {@link IntakeRefusal}, {@link IntakeMetrics.Outcome}), so the
 * number of series is bounded whatever senders send. See docs/ingest.md for the list.
 */
@ApplicationScoped
public class MicrometerIntakeMetrics implements IntakeMetrics {

    private final MeterRegistry registry;
    /** Meters by name, channel and reason or outcome: looked up here once, not in the registry per report. */
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

    private record MeterKey(String name, Channel channel, String detail) {
    }

    @Inject
    public MicrometerIntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void received(Channel channel, long bytes) {
        counter("tlsrpt.ingest.received", channel, null).increment();
        counter("tlsrpt.ingest.received.bytes", channel, null).increment(bytes);
    }

    @Override
    public void accepted(Channel channel, int reports) {
        counter("tlsrpt.ingest.accepted", channel, null).increment(reports);
    }

    @Override
    public void quarantined(Channel channel, RefusalCode reason) {
        counter("tlsrpt.ingest.quarantined", channel, reason.code()).increment();
    }

    @Override
    public void refused(Channel channel, RefusalCode reason) {
        counter("tlsrpt.ingest.refused", channel, reason.code()).increment();
    }

    @Override
    public void refused(Channel channel, IntakeRefusal reason) {
        counter("tlsrpt.ingest.refused", channel, reason.code()).increment();
    }

    @Override
    public void answered(Channel channel, Outcome outcome, Duration elapsed) {
        timers.computeIfAbsent(new MeterKey("tlsrpt.ingest.acknowledgement", channel, outcome.name()),
                key -> Timer.builder(key.name())
                        .description("time from a complete submission to the intake's answer (for durable: Kafka's ack)")
                        .tag("channel", tag(channel)).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry))
                .record(elapsed);
    }

    /** {@code reason}: the tag of the refused and quarantined counters, null for the others. */
    private Counter counter(String name, Channel channel, String reason) {
        return counters.computeIfAbsent(new MeterKey(name, channel, reason), key -> {
            Counter.Builder builder = Counter.builder(name).tag("channel", tag(channel));
            if (name.endsWith(".bytes")) {
                builder.baseUnit("bytes");
            }
            if (reason != null) {
                builder.tag("reason", reason);
            }
            return builder.register(registry);
        });
    }

    private static String tag(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
