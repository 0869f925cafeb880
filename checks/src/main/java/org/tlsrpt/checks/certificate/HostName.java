package org.tlsrpt.checks.certificate;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate names a host (RFC 6125 §6.4, as RFC 8461 §4.2 asks for MTA-STS): its DNS names in the
 * subject alternative names, each either equal to the host or a wildcard {@code *} as the whole left-most label,
 * standing for exactly one label. The subject's common name is not used.
 */
public final class HostName {

    private HostName() {
    }

    /** The certificate's DNS names, lower case. */
    public static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives;
        try {
            alternatives = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return names;
        }
        if (alternatives == null) {
            return names;
        }
        for (List<?> alternative : alternatives) {
            if (alternative.size() >= 2 && Integer.valueOf(2).equals(alternative.get(0))
                    && alternative.get(1) instanceof String name) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    public static boolean matches(X509Certificate certificate, String host) {
        return dnsNames(certificate).stream().anyMatch(name -> matches(name, host));
    }

    /** One DNS name (possibly {@code *.domain}) against a host, ignoring case and a trailing dot. */
    public static boolean matches(String name, String host) {
        String n = strip(name);
        String h = strip(host);
        if (n.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (!n.startsWith("*.")) {
            return n.equals(h);
        }
        String suffix = n.substring(1);
        if (suffix.indexOf('*') >= 0 || !h.endsWith(suffix)) {
            return false;
        }
        String label = h.substring(0, h.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }

    private static String strip(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
