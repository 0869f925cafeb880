package org.tlsrpt.api.check;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tlsrpt.api.alert.AlertLease;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.DomainChecker;
import org.tlsrpt.checks.DomainName;
import org.tlsrpt.checks.Parsed;
import org.tlsrpt.checks.PolicySeen;

/**
 * One round of the scheduled checks: every domain reports arrived for in the last {@code reportedDays} days, and
 * every configured one, that was last checked {@code interval} ago or more (or never) is checked and its result
 * stored. Runs only while this instance holds the {@code domain-checks} lease, renewed before each domain, so one
 * instance of the cluster checks at a time; the history decides what is due, so another instance that takes over
 * goes on where this one stopped. At most {@code concurrency} domains at once (and the checker's own bound on probes).
 */
public final class ScheduledChecks {

    private static final System.Logger LOG = System.getLogger(ScheduledChecks.class.getName());
    private static final int MAX_CANDIDATES = 1_000_000;

    /**
     * @param interval     how often each domain is checked
     * @param domains      domains checked whether or not reports arrived for them
     * @param reportedDays domains with reports in this many days are checked
     * @param maxDomains   at most this many domains per round (the oldest checks first)
     * @param concurrency  domains checked at once
     */
    public record Settings(Duration interval, List<String> domains, int reportedDays, int maxDomains,
                           int concurrency) {
        public Settings {
            domains = List.copyOf(domains);
        }
    }

    /** What one round did: whether it held the lease, and the checks it stored. */
    public record Round(boolean ran, List<DomainCheck> checks) {
    }

    private final Settings settings;
    private final CheckHistory history;
    private final ReportedFailures reports;
    private final DomainChecker checker;
    private final AlertLease lease;
    private final Clock clock;

    public ScheduledChecks(Settings settings, CheckHistory history, ReportedFailures reports, DomainChecker checker,
            AlertLease lease, Clock clock) {
        this.settings = settings;
        this.history = history;
        this.reports = reports;
        this.checker = checker;
        this.lease = lease;
        this.clock = clock;
    }

    public synchronized Round run() throws SQLException, InterruptedException {
        if (!lease.tryAcquire()) {
            return new Round(false, List.of());
        }
        List<String> due = due(clock.instant());
        List<Callable<Optional<DomainCheck>>> tasks = new ArrayList<>();
        for (String domain : due) {
            tasks.add(() -> checkAndStore(domain));
        }
        List<DomainCheck> stored = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), runnable -> {
            Thread thread = new Thread(runnable, "tlsrpt-scheduled-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Future<Optional<DomainCheck>> done : pool.invokeAll(tasks)) {
                try {
                    done.get().ifPresent(stored::add);
                } catch (ExecutionException e) {
                    LOG.log(System.Logger.Level.WARNING, "a scheduled check failed: " + e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Round(true, stored);
    }

    /** Valid domain names due for a check, the longest unchecked first. */
    List<String> due(Instant now) throws SQLException {
        // every reported domain is a candidate (bounded for memory only), so that which are due decides, not names
        TreeSet<String> candidates = reports.domainsSince(
                LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(settings.reportedDays()), MAX_CANDIDATES);
        candidates.addAll(settings.domains());
        Map<String, Instant> last = history.lastChecked();
        List<String> due = new ArrayList<>();
        for (String candidate : candidates) {
            Parsed<String> name = DomainName.parse(candidate);
            if (!name.valid()) {
                continue; // a policy domain in a report that no sender could resolve
            }
            Instant checked = last.get(name.value());
            if (checked == null || !checked.plus(settings.interval()).isAfter(now)) {
                due.add(name.value());
            }
        }
        due.sort((a, b) -> last.getOrDefault(a, Instant.EPOCH).compareTo(last.getOrDefault(b, Instant.EPOCH)));
        return due.size() > settings.maxDomains() ? due.subList(0, settings.maxDomains()) : due;
    }

    private Optional<DomainCheck> checkAndStore(String domain) throws SQLException {
        if (!lease.tryAcquire()) {
            return Optional.empty(); // another instance took over; it goes on from the history
        }
        Optional<PolicySeen> seen = history.policySeen(domain);
        DomainCheck check = checker.check(domain, seen);
        history.save(check, CheckHistory.Trigger.SCHEDULED);
        return Optional.of(check);
    }
}
