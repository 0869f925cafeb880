package org.tlsrpt.api.alert.webhook;

/** What kind of network an address belongs to, as far as webhook targets are concerned. */
public enum AddressClass {
    PUBLIC,
    LOOPBACK,
    ANY_LOCAL,
    LINK_LOCAL,
    PRIVATE,
    CARRIER_GRADE_NAT,
    UNIQUE_LOCAL,
    MULTICAST,
    /** Reserved or special-purpose ranges that never hold a legitimate webhook receiver (0/8, 240/4, benchmarking). */
    RESERVED;

    public boolean isPublic() {
        return this == PUBLIC;
    }
}
