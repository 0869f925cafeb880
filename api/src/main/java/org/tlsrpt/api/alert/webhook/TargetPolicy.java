package org.tlsrpt.api.alert.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.tlsrpt.core.net.AddressClassifier;
import org.tlsrpt.core.net.AddressClass;

/**
 * Which webhook targets may be called (SSRF policy). Only {@code http} and {@code https} URLs with a host and
 * without user info. Every address the host resolves to must be public, unless private targets are allowed or the
 * address is inside an allowed range; one refused address refuses the target (a name that resolves to a public and
 * a private address is how rebinding attacks start). The check runs when a webhook is created and again before each
 * delivery attempt, and the delivery connects to the address that was checked, never resolving the name again.
 */
public final class TargetPolicy {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final List<Cidr> allowed;
    private final Resolver resolver;

    public TargetPolicy(boolean allowPrivate, List<Cidr> allowed, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    public TargetPolicy(boolean allowPrivate, List<Cidr> allowed) {
        this(allowPrivate, allowed, InetAddress::getAllByName);
    }

    /** A syntactically acceptable target URL, before any name resolution. */
    public static URI parse(String url) throws TargetRefusedException {
        if (url == null || url.isBlank()) {
            throw new TargetRefusedException("url is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new TargetRefusedException("url is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new TargetRefusedException("url must use http or https, not '" + uri.getScheme() + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new TargetRefusedException("url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new TargetRefusedException("url must not carry user info; use the webhook secret to authenticate");
        }
        if (uri.getRawFragment() != null) {
            throw new TargetRefusedException("url must not have a fragment");
        }
        return uri;
    }

    /**
     * Resolves the URL's host and checks every address.
     *
     * @return the address to connect to (the first one resolved, all of them checked)
     */
    public InetAddress check(URI uri) throws TargetRefusedException {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new TargetRefusedException("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new TargetRefusedException("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            AddressClass kind = AddressClassifier.classify(address);
            if (!allows(address, kind)) {
                throw new TargetRefusedException("host " + host + " resolves to " + address.getHostAddress() + ", a "
                        + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " address; webhooks may only call public addresses"
                        + " (see tlsrpt.alerts.allow-private-targets and tlsrpt.alerts.allowed-cidrs)");
            }
        }
        return addresses[0];
    }

    boolean allows(InetAddress address, AddressClass kind) {
        if (kind.isPublic()) {
            return true;
        }
        for (Cidr range : allowed) {
            if (range.contains(address)) {
                return true;
            }
        }
        // multicast and the unspecified address are never a receiver, even where private targets are allowed
        return allowPrivate && kind != AddressClass.MULTICAST && kind != AddressClass.ANY_LOCAL;
    }
}
