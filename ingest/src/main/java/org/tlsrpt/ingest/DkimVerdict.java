package org.tlsrpt.ingest;

/**
 * The outcome of checking a mailed report's DKIM signature (RFC 8460 §3 requires one by the reporting domain).
 *
 * @param signingDomain the d= of the signature that decided the result, or null
 * @param aligned       whether the signing domain is the report submitter's domain or a parent of it
 * @param detail        a short human reason ("body hash did not verify", "no key for selector s1")
 */
public record DkimVerdict(Result result, String signingDomain, boolean aligned, String detail) {

    public enum Result {
        /** At least one signature verified. */
        PASS,
        /** Signatures were present and none verified. */
        FAIL,
        /** The message carries no DKIM-Signature. */
        NONE,
        /** A key could not be fetched (DNS timeout); the message may verify later. */
        TEMPERROR
    }

    public static final DkimVerdict UNSIGNED = new DkimVerdict(Result.NONE, null, false, "no DKIM-Signature header");
}
