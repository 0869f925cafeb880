package org.tlsrpt.checks.dns;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * One DNS answer: the records of the asked type (empty for no such name or no data), its DNSSEC status, or a
 * problem when there is no usable answer (timeout, server failure, bogus signatures).
 *
 * @param records  records of the asked type, in the answer's order
 * @param security SECURE, INSECURE or BOGUS
 * @param problem  empty when the answer can be used; otherwise why not
 */
public record DnsAnswer(List<Record> records, Security security, String problem) {

    public DnsAnswer {
        records = List.copyOf(records);
    }

    public boolean failed() {
        return !problem.isEmpty();
    }

    public boolean bogus() {
        return security == Security.BOGUS;
    }
}
