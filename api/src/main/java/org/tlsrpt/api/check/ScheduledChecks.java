package org.tlsrpt.api.check;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * One round of the scheduled checks: every configured domain and every domain a token's scope or an alert rule
 * names, then at most {@code maxReportedOnly} of the other domains reports arrived for in the last
 * {@code reportedDays} days, that was last checked {@code interval} ago or more (or never) is checked and its result
 * stored. Anyone may post a report naming any policy domain, so domains only reports name come last and few per
 * round: a flood of reports with fresh names can neither starve the domains the operator cares about nor turn the
 * collector into a prober of many hosts an attacker chose. Runs only while this instance holds the
 * {@code domain-checks} lease, renewed before each domain, so one instance of the cluster checks at a time; the
 * history decides what is due, so another instance that takes over goes on where this one stopped. At most
 * {@code concurrency} domains at once (and the checker's own bound on probes).
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
     * @param maxReportedOnly at most this many domains per round that only reports name (no configuration, token
     *                     scope or alert rule)
     */
    public record Settings(Duration interval, List<String> domains, int reportedDays, int maxDomains,
                           int concurrency, int maxReportedOnly) {
        public Settings {
            domains = List.copyOf(domains);
        }
    }

    /** The domains someone with access named: tokens' scopes and alert rules. */
    @FunctionalInterface
    public interface NamedDomains {
        Set<String> get() throws SQLException;
    }

    /** What one round did: whether it held the lease, and the checks it stored. */
    public record Round(boolean ran, List<DomainCheck> checks) {
    }

    private final Settings settings;
    private final CheckHistory history;
    private final ReportedFailures reports;
    private final NamedDomains named;
    private final DomainChecker checker;
    private final AlertLease lease;
    private final Clock clock;

    public ScheduledChecks(Settings settings, CheckHistory history, ReportedFailures reports, NamedDomains named,
            DomainChecker checker, AlertLease lease, Clock clock) {
        this.settings = settings;
        this.history = history;
        this.reports = reports;
        this.named = named;
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

    /** Valid domain names due for a check: the chosen ones first, then a few only reports name. */
    List<String> due(Instant now) throws SQLException {
        Set<String> chosen = new TreeSet<>(settings.domains());
        chosen.addAll(named.get());
        TreeSet<String> reported = reports.domainsSince(
                LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(settings.reportedDays()), MAX_CANDIDATES);
        return due(chosen, reported, history.lastChecked(), now, settings);
    }

    /**
     * The domains of {@code chosen} due for a check, the longest unchecked first, then at most
     * {@code maxReportedOnly} of the other {@code reported} ones the same way; {@code maxDomains} in all.
     */
    static List<String> due(Set<String> chosen, Set<String> reported, Map<String, Instant> last, Instant now,
                            Settings settings) {
        List<String> first = dueOf(chosen, Set.of(), last, now, settings.interval());
        Set<String> chosenNames = new TreeSet<>();
        chosen.forEach(name -> {
            Parsed<String> parsed = DomainName.parse(name);
            if (parsed.valid()) {
                chosenNames.add(parsed.value());
            }
        });
        List<String> others = dueOf(reported, chosenNames, last, now, settings.interval());
        List<String> due = new ArrayList<>(first);
        due.addAll(others.subList(0, Math.min(others.size(), settings.maxReportedOnly())));
        return due.size() > settings.maxDomains() ? due.subList(0, settings.maxDomains()) : due;
    }

    private static List<String> dueOf(Set<String> candidates, Set<String> skip, Map<String, Instant> last,
                                      Instant now, Duration interval) {
        List<String> due = new ArrayList<>();
        Set<String> seen = new HashSet<>(skip);
        for (String candidate : candidates) {
            Parsed<String> name = DomainName.parse(candidate);
            if (!name.valid() || !seen.add(name.value())) {
                continue; // a policy domain in a report that no sender could resolve, or one seen already
            }
            Instant checked = last.get(name.value());
            if (checked == null || !checked.plus(interval).isAfter(now)) {
                due.add(name.value());
            }
        }
        due.sort((a, b) -> last.getOrDefault(a, Instant.EPOCH).compareTo(last.getOrDefault(b, Instant.EPOCH)));
        return due;
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
