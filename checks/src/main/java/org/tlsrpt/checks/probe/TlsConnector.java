package org.tlsrpt.checks.probe;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Starts TLS over a connected socket and accepts whatever chain the peer presents, so that the chain can be
 * judged afterwards in RFC 8460's terms (not trusted, expired, wrong name, DANE mismatch) instead of ending in
 * one handshake exception. Nothing is sent over the connection before the caller has judged the chain, except
 * a QUIT or the policy request, neither of which carries anything secret.
 */
public final class TlsConnector {

    private static final TrustManager ACCEPT_AND_JUDGE_LATER = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private final SSLContext context;

    public TlsConnector() {
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {ACCEPT_AND_JUDGE_LATER}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every JDK", e);
        }
    }

    /** Wraps the socket, names {@code serverName} in SNI, and completes the handshake. */
    public SSLSocket handshake(Socket socket, String serverName) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, serverName, socket.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        tls.setSSLParameters(parameters);
        tls.setUseClientMode(true);
        tls.startHandshake();
        return tls;
    }

    public static TlsSession session(SSLSocket socket) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : socket.getSession().getPeerCertificates()) {
            if (certificate instanceof X509Certificate x509) {
                chain.add(x509);
            }
        }
        return new TlsSession(socket.getSession().getProtocol(), socket.getSession().getCipherSuite(), chain);
    }
}
