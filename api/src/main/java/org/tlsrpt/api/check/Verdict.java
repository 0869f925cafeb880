package org.tlsrpt.api.check;

/** What the live checks say about a failure the reports hold (docs/diagnosis.md). */
public enum Verdict {
    /** An earlier check found the same failure, the newest finds it no more. */
    FIXED("fixed"),
    /** The newest check finds the same failure. */
    STILL_FAILING("still-failing"),
    /** The reports fail, checks from here pass and never saw it: a sender-side or path problem. */
    NOT_REPRODUCED("not-reproduced"),
    /** No check looked at the same thing (none ran, the MX is gone, or an earlier step failed differently). */
    UNKNOWN("unknown");

    private final String code;

    Verdict(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
