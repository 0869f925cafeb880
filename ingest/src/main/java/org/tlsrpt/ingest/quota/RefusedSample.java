package org.tlsrpt.ingest.quota;

import java.time.Clock;
import java.util.List;

/**
 * How many refused submissions (policy domains outside the allow-list) are still kept in quarantine today: the
 * first {@code perDay} per UTC day in this process, so that an operator can see what was refused without refused
 * senders being able to fill the disk. The rest are only counted.
 */
public final class RefusedSample {

    private static final List<String> KEY = List.of("sample");

    private final DailyCounts counts;
    private final int perDay;

    public RefusedSample(int perDay, Clock clock) {
        if (perDay < 0) {
            throw new IllegalArgumentException("the sample size is 0 (keep none) or positive");
        }
        this.perDay = perDay;
        this.counts = new DailyCounts(clock, 1);
    }

    public static RefusedSample none() {
        return new RefusedSample(0, Clock.systemUTC());
    }

    /** True when this one is to be kept (and counts towards today's sample). */
    public boolean take() {
        return perDay > 0 && counts.tryAdd(KEY, 1, perDay);
    }

    /** Gives the place back when keeping it failed. */
    public void giveBack() {
        counts.remove(KEY, 1);
    }
}
