package org.tlsrpt.core.model;

/** Registered result types (RFC 8460 §4.3 and the IANA registry). Anything else is {@link #UNKNOWN}. */
public enum ResultType {
    STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
    CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
    CERTIFICATE_EXPIRED("certificate-expired"),
    CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
    VALIDATION_FAILURE("validation-failure"),
    TLSA_INVALID("tlsa-invalid"),
    DNSSEC_INVALID("dnssec-invalid"),
    DANE_REQUIRED("dane-required"),
    STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
    STS_POLICY_INVALID("sts-policy-invalid"),
    STS_WEBPKI_INVALID("sts-webpki-invalid"),
    UNKNOWN("unknown");

    private final String rfcName;

    ResultType(String rfcName) {
        this.rfcName = rfcName;
    }

    public String rfcName() {
        return rfcName;
    }

    /** The type for a reported name, compared without case; {@link #UNKNOWN} when not registered. */
    public static ResultType fromName(String name) {
        for (ResultType type : values()) {
            if (type != UNKNOWN && type.rfcName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
