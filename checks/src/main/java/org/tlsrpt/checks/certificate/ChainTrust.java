package org.tlsrpt.checks.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whether a presented chain leads to a trusted CA: the JDK's WebPKI roots plus, optionally, extra CAs from a PEM
 * file. Trust is judged apart from expiry (an expired but otherwise good certificate is "expired", not "not
 * trusted", as RFC 8460 tells the two apart), so the chain is validated at a moment inside the leaf's validity.
 * Revocation is not checked: a sending MTA does not either.
 */
public final class ChainTrust {

    private final Set<TrustAnchor> anchors;

    private ChainTrust(Set<TrustAnchor> anchors) {
        this.anchors = Set.copyOf(anchors);
    }

    /** The JDK's CAs, and those in {@code extraPem} when given. */
    public static ChainTrust load(Path extraPem) throws IOException {
        Set<TrustAnchor> anchors = new HashSet<>();
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        anchors.add(new TrustAnchor(ca, null));
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read", e);
        }
        if (extraPem != null) {
            anchors.addAll(readPem(extraPem).stream().map(ca -> new TrustAnchor(ca, null)).toList());
        }
        return new ChainTrust(anchors);
    }

    public static List<X509Certificate> readPem(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = factory.generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IOException(pem + " holds no certificate");
            }
            return certificates;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(pem + " is no PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** Empty when trusted; otherwise why not. */
    public java.util.Optional<String> problem(List<X509Certificate> chain, Instant now) {
        if (chain.isEmpty()) {
            return java.util.Optional.of("no certificate presented");
        }
        X509Certificate leaf = chain.get(0);
        Instant at = now;
        if (at.isAfter(leaf.getNotAfter().toInstant())) {
            at = leaf.getNotAfter().toInstant().minusSeconds(1);
        } else if (at.isBefore(leaf.getNotBefore().toInstant())) {
            at = leaf.getNotBefore().toInstant().plusSeconds(1);
        }
        try {
            // the presented chain without a self-signed root: a path ends at an anchor, not at a copy of it
            List<Certificate> path = chain.stream()
                    .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) || c == leaf)
                    .map(Certificate.class::cast).toList();
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return java.util.Optional.empty();
        } catch (CertPathValidatorException e) {
            return java.util.Optional.of("chain does not lead to a trusted CA (" + e.getReason() + ")");
        } catch (GeneralSecurityException e) {
            return java.util.Optional.of("chain cannot be validated: " + e.getMessage());
        }
    }
}
