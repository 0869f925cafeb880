package org.tlsrpt.api.alert;

import java.util.Locale;

/** What an alert rule watches. */
public enum RuleKind {
    /** The share of failed sessions over a window is above a threshold. */
    FAILURE_RATE,
    /** A result type (e.g. certificate-expired) appears for a domain that never had it before. */
    NEW_RESULT_TYPE,
    /** A reporting organisation that sent reports for a domain has been silent for N days. */
    REPORTER_SILENT,
    /** A day's failed sessions are above k times the domain's trailing daily mean. */
    FAILURE_SPIKE,
    /** Once a week, the last week's sessions, failure rate and change, new result types and silent reporters. */
    WEEKLY_DIGEST;

    /** {@code failure-rate}, as in the API. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return apiName();
    }

    /** The kind for its API name, or null. */
    public static RuleKind of(String name) {
        for (RuleKind kind : values()) {
            if (kind.apiName().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
