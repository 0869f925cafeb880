package org.tlsrpt.bench;

import java.util.Locale;

/**
 * A figure's target (issue 15, docs/benchmarks.md), printed beside the figure so that a run says by itself whether
 * it meets it: {@code (target >= 50000 reports/s: not met)}.
 */
record Target(boolean atLeast, double limit, String unit, String condition) {

    static Target atLeast(double limit, String unit) {
        return new Target(true, limit, unit, "");
    }

    static Target below(double limit, String unit) {
        return new Target(false, limit, unit, "");
    }

    /** The same target under a condition that the text names, e.g. {@code "at 1000/s"}; appended to any before. */
    Target when(String more) {
        return new Target(atLeast, limit, unit, condition.isEmpty() ? more : more.isEmpty() ? condition
                : condition + ", " + more);
    }

    boolean met(double value) {
        return atLeast ? value >= limit : value < limit;
    }

    /** {@code (target < 2000 ms at 1000/s: met)}. */
    String beside(double value) {
        return verdict(met(value) ? "met" : "not met");
    }

    /** The target with another verdict, for a run that cannot tell (another rate than the target's, say). */
    String verdict(String verdict) {
        return String.format(Locale.ROOT, "(target %s %.0f %s%s: %s)", atLeast ? ">=" : "<", limit, unit,
                condition.isEmpty() ? "" : " " + condition, verdict);
    }
}
