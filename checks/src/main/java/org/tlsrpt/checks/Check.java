package org.tlsrpt.checks;

/** Which thing a result is about; each is described, with the RFC section it follows, in docs/diagnosis.md. */
public enum Check {
    /** {@code _smtp._tls.D} TXT: exactly one {@code v=TLSRPTv1} record with valid {@code rua} URIs (RFC 8460 §3). */
    TLSRPT_RECORD("tlsrpt-record"),
    /** {@code _mta-sts.D} TXT: exactly one {@code v=STSv1} record with an {@code id} (RFC 8461 §3.1). */
    STS_RECORD("sts-record"),
    /** The policy at {@code https://mta-sts.D/.well-known/mta-sts.txt}: fetched and valid (RFC 8461 §3.2, §3.3). */
    STS_POLICY("sts-policy"),
    /** One MX host against the policy's {@code mx} patterns (RFC 8461 §4.1). */
    STS_MX_MATCH("sts-mx-match"),
    /** The MX records of D, and whether the answer is DNSSEC-secure. */
    MX("mx"),
    /** The addresses of one MX host. */
    MX_ADDRESS("mx-address"),
    /** {@code _25._tcp.MX} TLSA records and whether they are DNSSEC-secure (RFC 7672 §2.2). */
    TLSA("tlsa"),
    /** Port 25, EHLO, STARTTLS offered and the TLS handshake (RFC 3207); notes TLS version and cipher. */
    STARTTLS("starttls"),
    /** The presented chain is trusted by the WebPKI (and extra configured CAs) (RFC 8461 §4.2). */
    CERTIFICATE_TRUST("certificate-trust"),
    /** The presented certificate is within its validity, and how many days are left. */
    CERTIFICATE_EXPIRY("certificate-expiry"),
    /** The presented certificate names the MX host (RFC 8461 §4.2, RFC 6125). */
    CERTIFICATE_NAME("certificate-name"),
    /** The presented chain matches a DNSSEC-secure TLSA record (RFC 7672 §3.1, DANE-EE and DANE-TA). */
    DANE("dane");

    private final String code;

    Check(String code) {
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
