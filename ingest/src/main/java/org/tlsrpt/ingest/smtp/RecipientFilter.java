package org.tlsrpt.ingest.smtp;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which RCPT TO addresses the intake accepts: exact addresses and whole domains; none configured accepts all. */
final class RecipientFilter {

    private final Set<String> addresses = new HashSet<>();
    private final Set<String> domains = new HashSet<>();

    RecipientFilter(List<String> accepted) {
        for (String entry : accepted) {
            if (entry.startsWith("@")) {
                domains.add(entry.substring(1));
            } else {
                addresses.add(entry);
            }
        }
    }

    boolean accepts(String recipient) {
        if (addresses.isEmpty() && domains.isEmpty()) {
            return true;
        }
        if (recipient == null) {
            return false;
        }
        String address = recipient.trim().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        return addresses.contains(address) || (at >= 0 && domains.contains(address.substring(at + 1)));
    }
}
