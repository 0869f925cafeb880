package org.tlsrpt.checks.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixed certificates under src/test/resources/dane: a CA, a leaf it issued, and an unrelated self-signed one. */
class DaneMatchTest {

    static final X509Certificate CA = load("ca.pem");
    static final X509Certificate LEAF = load("leaf.pem");
    static final X509Certificate OTHER = load("other.pem");

    static X509Certificate load(String name) {
        try (InputStream in = DaneMatchTest.class.getResourceAsStream("/dane/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Tlsa tlsa(int usage, int selector, int matching, X509Certificate certificate) throws Exception {
        byte[] selected = selector == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
        byte[] data = switch (matching) {
            case 0 -> selected;
            case 1 -> DaneMatch.digest("SHA-256", selected);
            default -> DaneMatch.digest("SHA-512", selected);
        };
        return new Tlsa(usage, selector, matching, data);
    }

    @Test
    void daneEeMatchesTheLeafForEverySelectorAndMatchingType() throws Exception {
        for (int selector = 0; selector <= 1; selector++) {
            for (int matching = 0; matching <= 2; matching++) {
                DaneMatch.Outcome outcome = DaneMatch.match(List.of(tlsa(3, selector, matching, LEAF)),
                        List.of(LEAF, CA));
                assertThat(outcome.ok()).as("3 %d %d", selector, matching).isTrue();
            }
        }
    }

    @Test
    void daneTaMatchesTheIssuerInTheChainButNotTheLeaf() throws Exception {
        assertThat(DaneMatch.match(List.of(tlsa(2, 1, 1, CA)), List.of(LEAF, CA)).ok()).isTrue();
        assertThat(DaneMatch.match(List.of(tlsa(2, 0, 1, LEAF)), List.of(LEAF, CA)).ok()).isFalse();
    }

    @Test
    void daneTaNeedsTheLeafToBeSignedByTheAnchor() throws Exception {
        // OTHER is in the chain and matches, but did not sign the leaf: an attacker's chain padding
        assertThat(DaneMatch.match(List.of(tlsa(2, 0, 1, OTHER)), List.of(LEAF, OTHER)).ok()).isFalse();
    }

    @Test
    void aRecordForAnotherCertificateDoesNotMatch() throws Exception {
        DaneMatch.Outcome outcome = DaneMatch.match(List.of(tlsa(3, 1, 1, OTHER)), List.of(LEAF, CA));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.usable()).isEqualTo(1);
        assertThat(outcome.reason()).contains("none of 1");
    }

    @Test
    void pkixUsagesAndUnknownParametersAreUnusableForSmtp() throws Exception {
        // RFC 7672 §3.1.3: PKIX-TA(0) and PKIX-EE(1) are not for SMTP
        DaneMatch.Outcome outcome = DaneMatch.match(List.of(tlsa(1, 1, 1, LEAF), tlsa(0, 1, 1, CA),
                new Tlsa(3, 2, 1, new byte[32]), new Tlsa(3, 1, 9, new byte[32])), List.of(LEAF, CA));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.usable()).isZero();
    }

    @Test
    void truncatedDataDoesNotMatch() throws Exception {
        Tlsa full = tlsa(3, 1, 1, LEAF);
        byte[] cut = java.util.Arrays.copyOf(full.data(), 16);
        assertThat(DaneMatch.match(List.of(new Tlsa(3, 1, 1, cut)), List.of(LEAF)).ok()).isFalse();
        assertThat(DaneMatch.match(List.of(full), List.of()).ok()).isFalse();
    }
}
