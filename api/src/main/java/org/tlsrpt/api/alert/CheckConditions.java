package org.tlsrpt.api.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tlsrpt.checks.Check;
import org.tlsrpt.checks.CheckResult;
import org.tlsrpt.checks.DomainCheck;

/**
 * The conditions of the rule kinds over the live checks' history: {@code certificate-expiring} and
 * {@code check-failing}. Pure: given the newest checks of each domain, newest first.
 */
final class CheckConditions {

    private CheckConditions() {
    }

    /**
     * An MX certificate the newest check of its domain saw with at most {@code days} days left (expired ones
     * included, with negative days), one condition per domain and MX.
     */
    static List<Condition> certificateExpiring(Map<String, List<DomainCheck>> recent, int days) {
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, List<DomainCheck>> domain : recent.entrySet()) {
            if (domain.getValue().isEmpty()) {
                continue;
            }
            DomainCheck newest = domain.getValue().get(0);
            for (CheckResult result : newest.results()) {
                if (result.check() != Check.CERTIFICATE_EXPIRY || !result.facts().containsKey("daysLeft")) {
                    continue;
                }
                long left;
                try {
                    left = Long.parseLong(result.facts().get("daysLeft"));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (left > days) {
                    continue;
                }
                String notAfter = result.facts().getOrDefault("notAfter", "");
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("mx", result.target());
                details.put("daysLeft", left);
                details.put("notAfter", notAfter);
                details.put("days", days);
                details.put("checkedAt", newest.checkedAt().toString());
                conditions.add(new Condition(domain.getKey() + "|" + result.target(), domain.getKey(),
                        left < 0 ? String.format(Locale.ROOT, "%s: the certificate of %s expired %s (%d days ago)",
                                domain.getKey(), result.target(), notAfter, -left)
                                : String.format(Locale.ROOT, "%s: the certificate of %s expires %s (%d days left)",
                                        domain.getKey(), result.target(), notAfter, left),
                        details));
            }
        }
        conditions.sort(Comparator.comparing(Condition::key));
        return conditions;
    }

    /**
     * A (check, target) not {@code ok} in each of the {@code runs} newest checks of its domain; a domain with fewer
     * checks than that fires nothing yet.
     */
    static List<Condition> checkFailing(Map<String, List<DomainCheck>> recent, int runs) {
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, List<DomainCheck>> domain : recent.entrySet()) {
            List<DomainCheck> checks = domain.getValue();
            if (checks.size() < runs) {
                continue;
            }
            for (CheckResult result : checks.get(0).results()) {
                if (result.ok() || !failingIn(checks.subList(1, runs), result)) {
                    continue;
                }
                String key = domain.getKey() + "|" + result.check().code() + "|" + result.target();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("check", result.check().code());
                details.put("target", result.target());
                details.put("resultType", result.resultType().code());
                details.put("detail", result.detail());
                details.put("runs", runs);
                details.put("checkedAt", checks.get(0).checkedAt().toString());
                conditions.add(new Condition(key, domain.getKey(), String.format(Locale.ROOT,
                        "%s: %s of %s is %s in the last %d checks: %s", domain.getKey(), result.check().code(),
                        result.target(), result.resultType().code(), runs, result.detail()), details));
            }
        }
        conditions.sort(Comparator.comparing(Condition::key));
        return conditions;
    }

    private static boolean failingIn(List<DomainCheck> older, CheckResult result) {
        for (DomainCheck check : older) {
            boolean failing = check.results().stream().anyMatch(r -> r.check() == result.check()
                    && r.target().equals(result.target()) && !r.ok());
            if (!failing) {
                return false;
            }
        }
        return true;
    }
}
