package org.tlsrpt.ingest.dkim;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/** Builds the dnsjava resolver for key lookups: one configured server, or the system's. */
final class Resolvers {

    private Resolvers() {
    }

    static Resolver create(String address, Duration timeout) {
        Resolver resolver;
        if (address == null) {
            resolver = new ExtendedResolver();
            ((ExtendedResolver) resolver).setRetries(1);
        } else {
            resolver = new SimpleResolver(address(address));
        }
        resolver.setTimeout(timeout);
        return resolver;
    }

    /** Reads {@code host}, {@code host:port} or {@code [v6]:port}; the host must be an IP address or resolvable. */
    static InetSocketAddress address(String text) {
        String value = text.trim();
        String host = value;
        int port = 53;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("DNS resolver address has no closing ']': " + text);
            }
            host = value.substring(1, close);
            if (close + 1 < value.length()) {
                port = port(value.substring(close + 1), text);
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = port(value.substring(value.indexOf(':')), text);
        }
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("DNS resolver host is unknown: " + text, e);
        }
    }

    private static int port(String colonAndPort, String text) {
        try {
            if (!colonAndPort.startsWith(":")) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(colonAndPort.substring(1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DNS resolver port must be 1..65535: " + text);
        }
    }
}
