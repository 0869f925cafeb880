package org.tlsrpt.checks.https;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.tlsrpt.checks.policy.StsPolicy;
import org.tlsrpt.checks.probe.TlsConnector;
import org.tlsrpt.checks.probe.TlsSession;

/**
 * Fetches an MTA-STS policy as RFC 8461 §3.3 says: HTTPS GET of {@code /.well-known/mta-sts.txt} on
 * {@code mta-sts.D}, redirects not followed, the body bounded. It speaks HTTP/1.1 itself over a TLS socket to an
 * address resolved through the checks' own (validating) resolver, because the JDK's HTTP client would resolve the
 * name through the system instead. The caller judges the certificate, the status and the content type.
 */
public final class PolicyFetch {

    public static final String PATH = "/.well-known/mta-sts.txt";
    /** Header bytes we read at most. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final TlsConnector tls;
    private final Duration connectTimeout;
    private final Duration ioTimeout;

    public PolicyFetch(TlsConnector tls, Duration connectTimeout, Duration ioTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.ioTimeout = ioTimeout;
    }

    public PolicyResponse fetch(String host, InetAddress address, int port) {
        long deadline = System.nanoTime() + ioTimeout.toNanos();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
                socket.setSoTimeout((int) ioTimeout.toMillis());
            } catch (IOException e) {
                return new PolicyResponse.Failed("cannot connect to " + address.getHostAddress() + ":" + port + ": "
                        + e.getMessage());
            }
            SSLSocket secure;
            try {
                secure = tls.handshake(socket, host);
            } catch (IOException e) {
                return new PolicyResponse.Failed("TLS handshake failed: " + e.getMessage());
            }
            TlsSession session = TlsConnector.session(secure);
            String hostHeader = port == 443 ? host : host + ":" + port;
            secure.getOutputStream().write(("GET " + PATH + " HTTP/1.1\r\nHost: " + hostHeader
                    + "\r\nUser-Agent: tlsrpt-check\r\nAccept: text/plain\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            secure.getOutputStream().flush();
            InputStream in = new DeadlineInputStream(secure.getInputStream(), deadline);
            String head = readHead(in);
            String[] lines = head.split("\r?\n");
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("[0-9]{3}")) {
                return new PolicyResponse.Failed("not an HTTP response");
            }
            String contentType = "";
            String location = "";
            String transferEncoding = "";
            long contentLength = -1;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                switch (name) {
                    case "content-type" -> contentType = value;
                    case "location" -> location = value;
                    case "transfer-encoding" -> transferEncoding = value.toLowerCase(Locale.ROOT);
                    case "content-length" -> contentLength = value.matches("[0-9]{1,12}") ? Long.parseLong(value) : -2;
                    default -> {
                    }
                }
            }
            if (contentLength == -2 || contentLength > StsPolicy.MAX_POLICY_BYTES) {
                return new PolicyResponse.Failed("Content-Length is invalid or above " + StsPolicy.MAX_POLICY_BYTES);
            }
            byte[] body = transferEncoding.contains("chunked") ? readChunked(in)
                    : readBody(in, contentLength);
            return new PolicyResponse.Received(session, Integer.parseInt(status[1]), contentType, location,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new PolicyResponse.Failed("HTTP exchange failed: " + e.getMessage());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head");
            }
            head.write(b);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("response head longer than " + MAX_HEADER_BYTES + " bytes");
            }
            matched = b == '\n' ? matched + 1 : b == '\r' ? matched : 0;
            if (matched == 2) {
                return head.toString(StandardCharsets.ISO_8859_1).strip();
            }
        }
    }

    private static byte[] readBody(InputStream in, long contentLength) throws IOException {
        int limit = StsPolicy.MAX_POLICY_BYTES;
        byte[] body = in.readNBytes(contentLength >= 0 ? (int) contentLength : limit + 1);
        if (body.length > limit) {
            throw new IOException("policy larger than " + limit + " bytes");
        }
        if (contentLength >= 0 && body.length < contentLength) {
            throw new IOException("body shorter than its Content-Length");
        }
        return body;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            if (!hex.matches("[0-9a-fA-F]{1,7}")) {
                throw new IOException("invalid chunk size");
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                return body.toByteArray();
            }
            if (body.size() + size > StsPolicy.MAX_POLICY_BYTES) {
                throw new IOException("policy larger than " + StsPolicy.MAX_POLICY_BYTES + " bytes");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("connection closed in a chunk");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.length() > 1024) {
                throw new IOException("broken chunked encoding");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Bounds the whole response in time, not only each read: a server trickling bytes cannot hold a probe. */
    private static final class DeadlineInputStream extends java.io.FilterInputStream {
        private final long deadline;

        DeadlineInputStream(InputStream in, long deadline) {
            super(in);
            this.deadline = deadline;
        }

        private void check() throws IOException {
            if (System.nanoTime() > deadline) {
                throw new IOException("response took too long");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }
    }
}
