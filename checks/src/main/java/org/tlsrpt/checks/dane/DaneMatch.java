package org.tlsrpt.checks.dane;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Matches TLSA records against a presented chain (RFC 7672 §3.1, RFC 7671 §5): a DANE-EE(3) record against the
 * leaf, whose name and dates do not matter; a DANE-TA(2) record against a certificate of the chain above the leaf,
 * from which the leaf must chain by signatures. Host names and expiry are checked apart (RFC 7672 §3.2 asks the
 * caller to match names for DANE-TA).
 */
public final class DaneMatch {

    /**
     * The outcome.
     *
     * @param matched the record that matched, if any
     * @param usable  how many of the records were usable for SMTP (DANE-TA or DANE-EE)
     * @param reason  for no match, why
     */
    public record Outcome(Optional<Tlsa> matched, int usable, String reason) {
        public boolean ok() {
            return matched.isPresent();
        }
    }

    private DaneMatch() {
    }

    public static Outcome match(List<Tlsa> records, List<X509Certificate> chain) {
        List<Tlsa> usable = records.stream().filter(Tlsa::usable).toList();
        if (usable.isEmpty()) {
            return new Outcome(Optional.empty(), 0, "no usable TLSA record (only DANE-TA and DANE-EE count)");
        }
        if (chain.isEmpty()) {
            return new Outcome(Optional.empty(), usable.size(), "no certificate presented");
        }
        for (Tlsa record : usable) {
            if (record.usage() == Tlsa.DANE_EE && matches(record, chain.get(0))) {
                return new Outcome(Optional.of(record), usable.size(), "");
            }
            if (record.usage() == Tlsa.DANE_TA) {
                for (int i = 1; i < chain.size(); i++) {
                    if (matches(record, chain.get(i)) && chainsTo(chain, i)) {
                        return new Outcome(Optional.of(record), usable.size(), "");
                    }
                }
            }
        }
        return new Outcome(Optional.empty(), usable.size(),
                "none of " + usable.size() + " usable TLSA records matches the presented chain");
    }

    /** Whether the record's data is the selected part of the certificate under its matching type. */
    public static boolean matches(Tlsa record, X509Certificate certificate) {
        byte[] selected;
        try {
            selected = record.selector() == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
        } catch (CertificateEncodingException e) {
            return false;
        }
        byte[] expected = switch (record.matchingType()) {
            case 0 -> selected;
            case 1 -> digest("SHA-256", selected);
            case 2 -> digest("SHA-512", selected);
            default -> null;
        };
        return expected != null && MessageDigest.isEqual(expected, record.data());
    }

    /** Each certificate from the leaf up to {@code anchor} is signed by the next one. */
    private static boolean chainsTo(List<X509Certificate> chain, int anchor) {
        for (int i = 0; i < anchor; i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    public static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

}
