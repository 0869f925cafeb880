package org.tlsrpt.ingest.dkim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Fetches {@code selector._domainkey.domain TXT} through one dnsjava resolver, asking it directly (no process-wide
 * cache, so that a key rotation is seen at once). No answer in time is a temporary failure; a name that does
 * not exist or holds no TXT is a permanent one (RFC 6376 §6.1.2).
 */
final class DnsKeyRetriever implements PublicKeyRecordRetriever {

    private final Resolver resolver;

    DnsKeyRetriever(Resolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
            throws TempFailException, PermFailException {
        if (!"dns/txt".equalsIgnoreCase(methodAndOptions.toString())) {
            throw new PermFailException("key lookup method not supported: " + methodAndOptions);
        }
        Name name;
        try {
            name = Name.fromString(selector + "._domainkey." + token, Name.root);
        } catch (TextParseException e) {
            throw new PermFailException("selector or domain is not a DNS name: " + selector + "._domainkey." + token);
        }
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN)));
        } catch (IOException e) {
            throw new TempFailException("no DNS answer for " + name + ": " + e.getClass().getSimpleName());
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            throw new PermFailException("no key: " + name + " does not exist");
        }
        if (rcode != Rcode.NOERROR) {
            throw new TempFailException("DNS answered " + Rcode.string(rcode) + " for " + name);
        }
        List<String> records = new ArrayList<>();
        for (Record answer : response.getSection(Section.ANSWER)) {
            if (answer instanceof TXTRecord txt) {
                records.add(String.join("", txt.getStrings()));
            }
        }
        if (records.isEmpty()) {
            throw new PermFailException("no key: " + name + " has no TXT record");
        }
        return records;
    }
}
