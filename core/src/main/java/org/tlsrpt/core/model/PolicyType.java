package org.tlsrpt.core.model;

/** Registered policy types (RFC 8460 §4.3). The registry can grow: anything else is {@link #UNKNOWN}. */
public enum PolicyType {
    STS("sts"),
    TLSA("tlsa"),
    NO_POLICY_FOUND("no-policy-found"),
    UNKNOWN("unknown");

    private final String rfcName;

    PolicyType(String rfcName) {
        this.rfcName = rfcName;
    }

    public String rfcName() {
        return rfcName;
    }

    /** The type for a reported name, compared without case; {@link #UNKNOWN} when not registered. */
    public static PolicyType fromName(String name) {
        for (PolicyType type : values()) {
            if (type != UNKNOWN && type.rfcName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
