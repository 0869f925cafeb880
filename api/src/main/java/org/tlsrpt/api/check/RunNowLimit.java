package org.tlsrpt.api.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How often a token may have a domain checked now ({@code POST /api/v1/domains/{d}/checks}): once per
 * {@code spacing} for each (token, domain), so that no caller turns the checker into a prober of MX hosts. The
 * memory is bounded: the oldest entries go first.
 */
public final class RunNowLimit {

    private static final int MAX_ENTRIES = 10_000;

    private final Duration spacing;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> lastRun = new LinkedHashMap<>();

    public RunNowLimit(Duration spacing, Clock clock) {
        this.spacing = spacing;
        this.clock = clock;
    }

    /** Empty when the check may run now (and is counted), else how long to wait. */
    public synchronized Optional<Duration> tryStart(String tokenId, String domain) {
        Instant now = clock.instant();
        String key = tokenId + " " + domain;
        Instant last = lastRun.get(key);
        if (last != null && last.plus(spacing).isAfter(now)) {
            return Optional.of(Duration.between(now, last.plus(spacing)));
        }
        lastRun.remove(key);
        lastRun.put(key, now);
        Iterator<Map.Entry<String, Instant>> oldest = lastRun.entrySet().iterator();
        while (lastRun.size() > MAX_ENTRIES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        return Optional.empty();
    }
}
