package org.tlsrpt.api.check;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.tlsrpt.api.alert.AlertLease;
import org.tlsrpt.checks.CheckSettings;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.DomainChecker;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The live checks as the api role runs them: one {@link DomainChecker} (its probe bound shared by the scheduled
 * and the on-demand checks), their history, the run-now limit, and the diagnosis beside the reports.
 */
public final class DomainChecks implements AutoCloseable {

    /** Checks the diagnosis compares with, newest first: enough for months of the default 6-hour interval. */
    private static final int DIAGNOSIS_CHECKS = 1000;

    private final DomainChecker checker;
    private final CheckHistory history;
    private final ReportedFailures reports;
    private final RunNowLimit limit;
    private final ClickHouseConnector connector;
    private final Clock clock;

    public DomainChecks(ClickHouseConnector connector, CheckSettings settings, Duration runNowSpacing, Clock clock)
            throws IOException {
        this.connector = connector;
        this.clock = clock;
        this.checker = new DomainChecker(settings, clock);
        this.history = new CheckHistory(connector);
        this.reports = new ReportedFailures(connector);
        this.limit = new RunNowLimit(runNowSpacing, clock);
    }

    public CheckHistory history() {
        return history;
    }

    public RunNowLimit limit() {
        return limit;
    }

    /** Checks a domain now and stores the check (the caller has passed the run-now limit). */
    public DomainCheck runNow(String domain) throws SQLException {
        DomainCheck check = checker.check(domain, history.policySeen(domain));
        history.save(check, CheckHistory.Trigger.API);
        return check;
    }

    /** Each failure reported on days {@code from} to {@code to} beside the checks since {@code from}. */
    public List<Finding> diagnosis(String domain, LocalDate from, LocalDate to, int limit) throws SQLException {
        List<ReportedFailure> failures = reports.between(domain, from, to, limit);
        if (failures.isEmpty()) {
            return List.of();
        }
        Instant since = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<DomainCheck> checks = history.between(domain, since, clock.instant(), DIAGNOSIS_CHECKS);
        return Diagnosis.of(failures, checks);
    }

    /** The scheduled checks, run by whichever instance holds the {@code domain-checks} lease. */
    public ScheduledChecks scheduled(ScheduledChecks.Settings settings, ScheduledChecks.NamedDomains named,
                                     String instance, Duration lease) {
        return new ScheduledChecks(settings, history, reports, named, checker,
                new AlertLease(connector, "domain-checks", instance, lease, clock), clock);
    }

    @Override
    public void close() {
        checker.close();
    }
}
