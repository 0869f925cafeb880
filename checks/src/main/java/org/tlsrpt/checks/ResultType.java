package org.tlsrpt.checks;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a check found. The RFC 8460 §4.3 result types keep their exact codes, so a check joins one to one with the
 * failures senders report; the codes after them are ours, for what no sender reports (a missing TLSRPT record, a
 * certificate about to expire) or what a sender reports under no result type at all (an MX it could not reach).
 */
public enum ResultType {
    OK("ok", false),
    // RFC 8460 §4.3.1, negotiation failures
    STARTTLS_NOT_SUPPORTED("starttls-not-supported", true),
    CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch", true),
    CERTIFICATE_EXPIRED("certificate-expired", true),
    CERTIFICATE_NOT_TRUSTED("certificate-not-trusted", true),
    VALIDATION_FAILURE("validation-failure", true),
    // RFC 8460 §4.3.2, policy failures: DANE
    TLSA_INVALID("tlsa-invalid", true),
    DNSSEC_INVALID("dnssec-invalid", true),
    DANE_REQUIRED("dane-required", true),
    // RFC 8460 §4.3.2, policy failures: MTA-STS
    STS_POLICY_FETCH_ERROR("sts-policy-fetch-error", true),
    STS_POLICY_INVALID("sts-policy-invalid", true),
    STS_WEBPKI_INVALID("sts-webpki-invalid", true),
    // ours
    TLSRPT_RECORD_MISSING("tlsrpt-record-missing", false),
    TLSRPT_RECORD_INVALID("tlsrpt-record-invalid", false),
    STS_RECORD_MISSING("sts-record-missing", false),
    STS_RECORD_INVALID("sts-record-invalid", false),
    STS_POLICY_ID_UNCHANGED("sts-policy-id-unchanged", false),
    STS_MX_NOT_COVERED("sts-mx-not-covered", false),
    MX_MISSING("mx-missing", false),
    MX_UNREACHABLE("mx-unreachable", false),
    MX_NOT_PROBED("mx-not-probed", false),
    DNS_ERROR("dns-error", false),
    TARGET_NOT_ALLOWED("target-not-allowed", false),
    CERTIFICATE_EXPIRING("certificate-expiring", false);

    private final String code;
    private final boolean rfc8460;

    ResultType(String code, boolean rfc8460) {
        this.code = code;
        this.rfc8460 = rfc8460;
    }

    /** The stable code: RFC 8460's own for its result types, kebab-case like them for ours. */
    public String code() {
        return code;
    }

    /** True for the result types of RFC 8460 §4.3, which senders put in their reports. */
    public boolean rfc8460() {
        return rfc8460;
    }

    public boolean ok() {
        return this == OK;
    }

    public static Optional<ResultType> ofCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
