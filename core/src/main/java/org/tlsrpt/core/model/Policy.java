package org.tlsrpt.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The policy a sender evaluated (RFC 8460 §4.4 "policy").
 *
 * @param policyType    the type as a closed set; {@link PolicyType#UNKNOWN} for types not registered
 * @param policyTypeName the type exactly as the report named it (lower-cased), so unknown types are not lost
 * @param policyDomain  lower-case A-label domain; null when neither the report nor its envelope named one
 */
public record Policy(
        PolicyType policyType,
        String policyTypeName,
        List<String> policyString,
        String policyDomain,
        List<String> mxHost) {

    public Policy {
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(policyTypeName, "policyTypeName");
        policyString = List.copyOf(policyString);
        mxHost = List.copyOf(mxHost);
    }
}
