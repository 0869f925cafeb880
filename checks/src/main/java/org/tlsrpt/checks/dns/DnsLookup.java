package org.tlsrpt.checks.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.checks.CheckSettings;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNS as a DNSSEC-validating sender sees it: every query goes through dnsjava's {@link ValidatingResolver} on top
 * of the configured (or the system's) resolver, anchored at the configured trust anchors (the root's by default).
 * The validator sets AD on answers it validated and answers SERVFAIL, with its reason, for bogus ones.
 */
public final class DnsLookup {

    /** IANA's root KSKs (KSK-2017 and KSK-2024), from https://data.iana.org/root-anchors/root-anchors.xml. */
    static final String ROOT_ANCHORS = """
            . IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
            . IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
            """;

    private final Resolver resolver;

    private DnsLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    public static DnsLookup create(CheckSettings settings) throws IOException {
        SimpleResolver upstream = settings.resolver().isPresent()
                ? new SimpleResolver(address(settings.resolver().get()))
                : new SimpleResolver();
        upstream.setTimeout(settings.dnsTimeout());
        ValidatingResolver validating = new ValidatingResolver(upstream);
        try (InputStream anchors = settings.trustAnchors().isPresent()
                ? Files.newInputStream(settings.trustAnchors().get())
                : new ByteArrayInputStream(ROOT_ANCHORS.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            validating.loadTrustAnchors(anchors);
        }
        validating.setTimeout(settings.dnsTimeout().multipliedBy(4));
        return new DnsLookup(validating);
    }

    /** {@code host} or {@code host:port} ({@code [v6]:port} for IPv6 with a port), port 53 by default. */
    static InetSocketAddress address(String hostPort) throws UnknownHostException {
        String host = hostPort;
        int port = 53;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = hostPort.substring(1, close);
            if (close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':') {
                port = Integer.parseInt(hostPort.substring(close + 2));
            }
        } else if (hostPort.indexOf(':') > 0 && hostPort.indexOf(':') == hostPort.lastIndexOf(':')) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** Records of one type at one name; never throws for what the network or the zone does. */
    public DnsAnswer query(String name, int type) {
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new DnsAnswer(List.of(), Security.INSECURE, "invalid name: " + e.getMessage());
        }
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
        } catch (IOException e) {
            return new DnsAnswer(List.of(), Security.INSECURE, "no answer: " + e.getMessage());
        }
        String reason = validationReason(response);
        int rcode = response.getRcode();
        if (rcode == Rcode.SERVFAIL) {
            return reason.isEmpty()
                    ? new DnsAnswer(List.of(), Security.INSECURE, "server failure")
                    : new DnsAnswer(List.of(), Security.BOGUS, "DNSSEC validation failed: " + reason);
        }
        Security security = response.getHeader().getFlag(Flags.AD) ? Security.SECURE : Security.INSECURE;
        if (rcode == Rcode.NXDOMAIN) {
            return new DnsAnswer(List.of(), security, "");
        }
        if (rcode != Rcode.NOERROR) {
            return new DnsAnswer(List.of(), security, "answer " + Rcode.string(rcode));
        }
        List<Record> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                records.add(record);
            }
        }
        return new DnsAnswer(records, security, "");
    }

    private static String validationReason(Message response) {
        for (RRset set : response.getSectionRRsets(Section.ADDITIONAL)) {
            if (set.getName().equals(Name.root) && set.getType() == org.xbill.DNS.Type.TXT
                    && set.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                return String.join(" ", ((TXTRecord) set.first()).getStrings());
            }
        }
        return "";
    }
}
