package org.tlsrpt.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
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

    @Inject
    public MicrometerIntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void received(Channel channel, long bytes) {
        registry.counter("tlsrpt.ingest.received", "channel", tag(channel)).increment();
        Counter.builder("tlsrpt.ingest.received.bytes").baseUnit("bytes").tag("channel", tag(channel))
                .register(registry).increment(bytes);
    }

    @Override
    public void accepted(Channel channel, int reports) {
        registry.counter("tlsrpt.ingest.accepted", "channel", tag(channel)).increment(reports);
    }

    @Override
    public void quarantined(Channel channel, RefusalCode reason) {
        registry.counter("tlsrpt.ingest.quarantined", "channel", tag(channel), "reason", reason.code()).increment();
    }

    @Override
    public void refused(Channel channel, RefusalCode reason) {
        refused(channel, reason.code());
    }

    @Override
    public void refused(Channel channel, IntakeRefusal reason) {
        refused(channel, reason.code());
    }

    private void refused(Channel channel, String reason) {
        registry.counter("tlsrpt.ingest.refused", "channel", tag(channel), "reason", reason).increment();
    }

    @Override
    public void answered(Channel channel, Outcome outcome, Duration elapsed) {
        Timer.builder("tlsrpt.ingest.acknowledgement")
                .description("time from a complete submission to the intake's answer (for durable: Kafka's ack)")
                .tag("channel", tag(channel)).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(elapsed);
    }

    private static String tag(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
