package org.tlsrpt.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts acknowledged and failed requests and records the time to acknowledgement of each acknowledged one, only
 * while measuring: what completes during warm-up is dropped by {@link #startMeasuring()}.
 */
final class LatencyRecorder {

    private final Recorder latencies = new Recorder(3);
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private volatile boolean measuring;
    private long startedNanos;

    void acknowledged(long nanos) {
        if (measuring) {
            latencies.recordValue(nanos);
            acknowledged.increment();
        }
    }

    void failed(String reason) {
        if (measuring) {
            failed.increment();
            reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }
    }

    void startMeasuring() {
        latencies.reset();
        acknowledged.reset();
        failed.reset();
        reasons.clear();
        startedNanos = System.nanoTime();
        measuring = true;
    }

    /** Stops counting and returns what was measured since {@link #startMeasuring()}. */
    Result stopMeasuring() {
        measuring = false;
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        Map<String, Long> failures = new TreeMap<>();
        reasons.forEach((reason, count) -> failures.put(reason, count.sum()));
        return new Result(latencies.getIntervalHistogram(), acknowledged.sum(), failed.sum(), failures, seconds);
    }

    record Result(Histogram histogram, long acknowledged, long failed, Map<String, Long> failures, double seconds) {

        double perSecond() {
            return acknowledged / seconds;
        }

        double millis(double percentile) {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
        }

        double maxMillis() {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1e6;
        }
    }
}
