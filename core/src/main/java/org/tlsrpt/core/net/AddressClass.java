package org.tlsrpt.core.net;

/** What kind of network an address belongs to: only public ones may be the target of a webhook or a probe. */
public enum AddressClass {
    PUBLIC,
    LOOPBACK,
    ANY_LOCAL,
    LINK_LOCAL,
    PRIVATE,
    CARRIER_GRADE_NAT,
    UNIQUE_LOCAL,
    MULTICAST,
    /** Reserved or special-purpose ranges that never hold a legitimate webhook receiver or mail server (0/8, 240/4, benchmarking). */
    RESERVED;

    public boolean isPublic() {
        return this == PUBLIC;
    }
}
