package org.tlsrpt.api.alert;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.check.CheckHistory;
import org.tlsrpt.api.query.DomainListQuery;
import org.tlsrpt.api.query.DomainTotals;
import org.tlsrpt.api.query.Period;
import org.tlsrpt.api.query.QueryFailedException;

/**
 * The {@code weekly-digest} rule: one condition per rule and ISO week (Monday to Sunday, UTC), keyed by the week's
 * Monday, found from the Tuesday after the week (a report for day D arrives during D+1, so Sunday's are in by then).
 * Being a condition, a digest goes through {@link Transitions} like every alert: its state is stored before it is
 * delivered and the evaluator runs only under the lease, so each week's digest is sent once, across restarts and
 * replicas; the next week's key replaces it the Tuesday after (the old one "resolves" silently, as a digest never
 * notifies resolution). A rule created mid-week sends the last complete week's digest at once.
 *
 * <p>Per domain: sessions (as {@code /api/v1/domains} counts them: never sts and tlsa added up), the failure rate
 * and its change against the week before, result types first reported that week, organisations that reported the
 * week before but not this one, and what the domain's newest check finds failing at the time the digest is made
 * ({@code failingNow}, with {@code lastChecked}; empty and null for a domain never checked). A webhook sees only the
 * domains its owner may see ({@link #visibleTo}).
 */
final class WeeklyDigests {

    /** Days after a week's Monday when its digest is due: Tuesday of the following week. */
    static final int DUE_AFTER_DAYS = 8;
    static final String KEY_PREFIX = "week|";
    /**
     * Most domains one delivery lists, those with most failed sessions first: a provider's rule over every domain
     * would otherwise send a body no chat accepts. The rest are counted in {@code domainsOmitted}.
     */
    static final int MAX_DOMAINS = 100;

    private final ConditionFinder finder;
    private final DomainListQuery domains;
    private final CheckHistory checks;

    WeeklyDigests(ConditionFinder finder, DomainListQuery domains, CheckHistory checks) {
        this.finder = finder;
        this.domains = domains;
        this.checks = checks;
    }

    /** The Monday of the last week whose digest is due on {@code today}. */
    static LocalDate dueWeek(LocalDate today) {
        return today.minusDays(DUE_AFTER_DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    List<Condition> find(AlertRule rule, Scope scope, LocalDate today) throws SQLException {
        Period week = new Period(dueWeek(today), dueWeek(today).plusDays(6));
        Period before = new Period(week.from().minusDays(7), week.from().minusDays(1));
        Map<String, DomainTotals> now = new TreeMap<>();
        Map<String, DomainTotals> previous = new TreeMap<>();
        try {
            domains.domains(scope, week).forEach(totals -> now.put(totals.domain(), totals));
            domains.domains(scope, before).forEach(totals -> previous.put(totals.domain(), totals));
        } catch (QueryFailedException e) {
            throw new SQLException(e.getMessage(), e.getCause());
        }
        Map<String, List<String>> newTypes = new TreeMap<>();
        for (Condition found : finder.newResultTypes(scope, week.from(), week.to())) {
            newTypes.computeIfAbsent(found.domain(), d -> new ArrayList<>()).add((String) found.details()
                    .get("resultType"));
        }
        Map<String, List<String>> silent = new TreeMap<>();
        for (Condition found : finder.silentReporters(scope, before.from(), week.to(), week.from(), 7)) {
            silent.computeIfAbsent(found.domain(), d -> new ArrayList<>()).add((String) found.details()
                    .get("organization"));
        }
        TreeSet<String> names = new TreeSet<>(now.keySet());
        names.addAll(previous.keySet());
        if (rule.domain() != null) {
            names.add(rule.domain()); // a domain that stopped receiving reports altogether still gets its digest
        }
        Map<String, CheckHistory.Status> checked = new TreeMap<>();
        if (!names.isEmpty()) {
            // the digest's domains all lie in the rule's scope; asking for exactly them keeps the answer that size
            checks.now(Scope.of(names), names.size()).forEach(status -> checked.put(status.domain(), status));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String domain : names) {
            rows.add(row(domain, now.get(domain), previous.get(domain), newTypes.getOrDefault(domain, List.of()),
                    silent.getOrDefault(domain, List.of()), checked.get(domain)));
        }
        // most failed sessions first (a stable sort: domains with equal figures stay in name order)
        rows.sort(Comparator.comparing((Map<String, Object> row) -> (Long) row.get("failedSessions")).reversed());
        String domain = rule.domain() == null ? "" : rule.domain();
        Map<String, Object> details = details(week, rows);
        return List.of(new Condition(KEY_PREFIX + week.from(), domain, summary(details), details));
    }

    private static Map<String, Object> row(String domain, DomainTotals now, DomainTotals previous,
            List<String> newTypes, List<String> silent, CheckHistory.Status check) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("domain", domain);
        row.put("successfulSessions", now == null ? 0 : now.successfulSessions());
        row.put("failedSessions", now == null ? 0 : now.failedSessions());
        row.put("failureRate", now == null ? 0.0 : now.failureRate());
        boolean compared = previous != null && previous.successfulSessions() + previous.failedSessions() > 0;
        row.put("previousFailureRate", compared ? previous.failureRate() : null);
        row.put("failureRateChange", compared ? (now == null ? 0.0 : now.failureRate()) - previous.failureRate()
                : null);
        row.put("newResultTypes", List.copyOf(newTypes));
        row.put("silentReporters", List.copyOf(silent));
        row.put("failingNow", check == null ? List.of() : check.failing().stream().distinct().toList());
        row.put("lastChecked", check == null ? null : check.checkedAt().toString());
        return row;
    }

    private static Map<String, Object> details(Period week, List<Map<String, Object>> rows) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("weekFrom", week.from().toString());
        details.put("weekTo", week.to().toString());
        details.put("domains", List.copyOf(rows));
        details.put("domainsOmitted", 0);
        return details;
    }

    /**
     * A digest event restricted to the domains {@code owner} may see, and to the first {@link #MAX_DOMAINS} of them;
     * null when none is left.
     */
    @SuppressWarnings("unchecked")
    static AlertEvent visibleTo(AlertEvent event, Scope owner) {
        if (!event.domain().isEmpty() && !owner.allows(event.domain())) {
            return null;
        }
        List<Map<String, Object>> rows = (List<Map<String, Object>>) event.details().get("domains");
        List<Map<String, Object>> visible = rows.stream().filter(row -> owner.allows((String) row.get("domain")))
                .toList();
        if (visible.size() == rows.size() && rows.size() <= MAX_DOMAINS) {
            return event;
        }
        if (visible.isEmpty()) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>(event.details());
        details.put("domains", visible.subList(0, Math.min(MAX_DOMAINS, visible.size())));
        details.put("domainsOmitted", Math.max(0, visible.size() - MAX_DOMAINS));
        return new AlertEvent(event.id(), event.type(), event.ruleId(), event.ruleName(), event.kind(),
                event.domain(), event.conditionKey(), summary(details), details, event.at());
    }

    /** One line for the week, then one per domain: what a chat message shows. */
    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> details) {
        StringBuilder text = new StringBuilder("Week " + details.get("weekFrom") + " to " + details.get("weekTo"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) details.get("domains");
        if (rows.isEmpty()) {
            return text.append(": no reports").toString();
        }
        for (Map<String, Object> row : rows) {
            long ok = (Long) row.get("successfulSessions");
            long failed = (Long) row.get("failedSessions");
            text.append('\n').append(row.get("domain")).append(": ").append(ok + failed).append(" sessions, ")
                    .append(ConditionFinder.percent((Double) row.get("failureRate"))).append(" failed");
            Double change = (Double) row.get("failureRateChange");
            if (change != null) {
                text.append(String.format(Locale.ROOT, " (%s%.2f points against the week before)",
                        change >= 0 ? "+" : "", change * 100));
            }
            List<String> types = (List<String>) row.get("newResultTypes");
            if (!types.isEmpty()) {
                text.append("; new result types: ").append(String.join(", ", types));
            }
            List<String> silent = (List<String>) row.get("silentReporters");
            if (!silent.isEmpty()) {
                text.append("; silent reporters: ").append(String.join(", ", silent));
            }
            List<String> failing = (List<String>) row.get("failingNow");
            if (failing != null && !failing.isEmpty()) {
                text.append("; failing now: ").append(String.join(", ", failing));
            }
        }
        Object omitted = details.get("domainsOmitted");
        if (omitted instanceof Integer more && more > 0) {
            text.append("\nand ").append(more).append(" more domains with fewer failed sessions");
        }
        return text.toString();
    }
}
