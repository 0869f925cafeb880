package org.tlsrpt.checks.record;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tlsrpt.checks.Parsed;

/**
 * A domain's {@code _smtp._tls} TXT record (RFC 8460 §3): {@code v=TLSRPTv1; rua=URI[,URI…]}, where each URI is
 * {@code mailto:} or {@code https:}.
 *
 * @param rua where reports go, in the record's order
 */
public record TlsrptRecord(List<URI> rua) {

    public static final String VERSION = "TLSRPTv1";

    public TlsrptRecord {
        rua = List.copyOf(rua);
    }

    /**
     * The one TLSRPT record among a name's TXT records. RFC 8460 §3: records not starting with
     * {@code v=TLSRPTv1} are discarded; unless exactly one is left the domain does not implement TLSRPT.
     *
     * @return empty when no record starts with the version; otherwise the record or why it is invalid
     */
    public static Optional<Parsed<TlsrptRecord>> select(List<String> txtRecords) {
        List<String> candidates = txtRecords.stream().filter(r -> TxtFields.hasVersion(r, VERSION)).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() > 1) {
            return Optional.of(Parsed.problem(candidates.size() + " v=TLSRPTv1 records; exactly one allowed"));
        }
        return Optional.of(parse(candidates.get(0)));
    }

    public static Parsed<TlsrptRecord> parse(String record) {
        Parsed<List<TxtFields.Field>> fields = TxtFields.parse(record, VERSION);
        if (!fields.valid()) {
            return Parsed.problem(fields.problem());
        }
        List<TxtFields.Field> ruas = fields.value().stream().filter(f -> f.name().equals("rua")).toList();
        if (ruas.isEmpty()) {
            return Parsed.problem("no rua field");
        }
        if (ruas.size() > 1) {
            return Parsed.problem("rua given " + ruas.size() + " times");
        }
        List<URI> uris = new ArrayList<>();
        for (String part : ruas.get(0).value().split(",", -1)) {
            Parsed<URI> uri = reportUri(TxtFields.trimWsp(part));
            if (!uri.valid()) {
                return Parsed.problem(uri.problem());
            }
            uris.add(uri.value());
        }
        return Parsed.of(new TlsrptRecord(uris));
    }

    /** A {@code mailto:} URI with an address, or an {@code https:} URI with a host (RFC 8460 §3). */
    static Parsed<URI> reportUri(String text) {
        if (text.isEmpty()) {
            return Parsed.problem("empty rua URI");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Parsed.problem("rua '" + TxtFields.shorten(text) + "' is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "mailto" -> {
                String address = uri.getSchemeSpecificPart();
                int at = address == null ? -1 : address.lastIndexOf('@');
                if (at <= 0 || at == address.length() - 1 || address.indexOf('?') >= 0 && address.indexOf('?') < at) {
                    return Parsed.problem("rua '" + TxtFields.shorten(text) + "' has no mail address");
                }
                return Parsed.of(uri);
            }
            case "https" -> {
                if (uri.getHost() == null) {
                    return Parsed.problem("rua '" + TxtFields.shorten(text) + "' has no host");
                }
                return Parsed.of(uri);
            }
            default -> {
                return Parsed.problem("rua '" + TxtFields.shorten(text) + "' is neither mailto: nor https:");
            }
        }
    }
}
