package org.tlsrpt.ingest.dkim;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/**
 * Who says they sent the report, and whether a signing domain speaks for them. RFC 8460 §5.3 names the submitter
 * in {@code TLS-Report-Submitter}; without it the From address's domain is the best there is.
 */
final class Submitter {

    private Submitter() {
    }

    /** The submitter's domain, lower case without a trailing dot; null when the message names none. */
    static String domain(RawHeaders headers) {
        String submitter = headers.value("TLS-Report-Submitter");
        if (submitter != null) {
            String domain = normalise(submitter);
            if (domain != null) {
                return domain;
            }
        }
        String from = headers.value("From");
        return from == null ? null : normalise(fromDomain(from));
    }

    /**
     * Whether {@code signingDomain} is the submitter's domain or one of its parents. A single label (a top-level
     * domain) never counts: {@code d=com} speaks for nobody.
     */
    static boolean aligned(String signingDomain, String submitterDomain) {
        String signer = normalise(signingDomain);
        String submitter = normalise(submitterDomain);
        if (signer == null || submitter == null || signer.indexOf('.') < 0) {
            return false;
        }
        return submitter.equals(signer) || submitter.endsWith("." + signer);
    }

    private static String fromDomain(String from) {
        String address;
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(from, false);
            address = parsed.length == 0 ? from : parsed[0].getAddress();
        } catch (AddressException e) {
            address = from;
        }
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String rest = address.substring(at + 1);
        int end = 0;
        while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || "-._".indexOf(rest.charAt(end)) >= 0)) {
            end++;
        }
        return rest.substring(0, end);
    }

    private static String normalise(String domain) {
        if (domain == null) {
            return null;
        }
        String value = domain.trim().toLowerCase(Locale.ROOT);
        while (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == '@' || c == '<' || c == '>')) {
            return null;
        }
        return value;
    }
}
