package org.tlsrpt.checks.dane;

import java.util.HexFormat;

/**
 * One TLSA record (RFC 6698 §2.1).
 *
 * @param usage        0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE
 * @param selector     0 full certificate, 1 SubjectPublicKeyInfo
 * @param matchingType 0 exact, 1 SHA-256, 2 SHA-512
 * @param data         the association data
 */
public record Tlsa(int usage, int selector, int matchingType, byte[] data) {

    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;

    public Tlsa {
        data = data.clone();
    }

    /**
     * RFC 7672 §3.1.3: for SMTP only DANE-TA(2) and DANE-EE(3) are usable, with selectors 0 and 1 and matching
     * types 0, 1 and 2; anything else is ignored.
     */
    public boolean usable() {
        return (usage == DANE_TA || usage == DANE_EE) && (selector == 0 || selector == 1)
                && matchingType >= 0 && matchingType <= 2;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(data);
        String shown = hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
        return usage + " " + selector + " " + matchingType + " " + shown;
    }
}
