package org.tlsrpt.checks.policy;

/** The {@code mode} of an MTA-STS policy (RFC 8461 §3.2). */
public enum StsMode {
    ENFORCE("enforce"),
    TESTING("testing"),
    NONE("none");

    private final String code;

    StsMode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static StsMode ofCode(String code) {
        for (StsMode mode : values()) {
            if (mode.code.equals(code)) {
                return mode;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return code;
    }
}
