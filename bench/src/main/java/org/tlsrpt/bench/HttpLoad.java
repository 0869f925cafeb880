package org.tlsrpt.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/reports} with {@code application/tlsrpt+gzip} bodies over HTTP/1.1 keep-alive on a raw socket:
 * one connection per client, each request written in one go and its answer read before the next (no pipelining).
 * A raw socket rather than java.net.http.HttpClient because the driver shares the 2 cores with the application:
 * HttpClient took half a core at 4,000 requests/s. Only {@code 201 Created} counts as acknowledged.
 */
final class HttpLoad implements Load {

    private final int port;
    private final Reports reports;

    HttpLoad(int port, Reports reports) {
        this.port = port;
        this.reports = reports;
    }

    @Override
    public String unit() {
        return "reports";
    }

    @Override
    public Client client() throws IOException {
        Connection connection = new Connection(port);
        return new Client() {
            @Override
            public String send() throws IOException {
                return connection.post(reports.next());
            }

            @Override
            public void close() throws IOException {
                connection.close();
            }
        };
    }

    /** One keep-alive connection to the application on 127.0.0.1:{@code port}; used from one thread at a time. */
    static final class Connection implements AutoCloseable {

        private final int port;
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;
        private final byte[] head = new byte[16 * 1024];

        Connection(int port) throws IOException {
            this.port = port;
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        /** Posts {@code body} and waits for the answer: null when it was {@code 201}, else {@code "HTTP nnn"}. */
        String post(byte[] body) throws IOException {
            byte[] header = ("POST /v1/reports HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            out.write(body);
            out.flush(); // one segment for a request that fits the buffer
            int status = readAnswer();
            return status == 201 ? null : "HTTP " + status;
        }

        /** Reads the status line, the headers and a Content-Length body; returns the status. */
        private int readAnswer() throws IOException {
            int length = 0;
            while (length < 4 || head[length - 4] != '\r' || head[length - 3] != '\n' || head[length - 2] != '\r'
                    || head[length - 1] != '\n') {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (length == head.length) {
                    throw new IOException("answer head larger than " + head.length + " bytes");
                }
                head[length++] = (byte) b;
            }
            String text = new String(head, 0, length, StandardCharsets.US_ASCII);
            int status = Integer.parseInt(text.substring(9, 12));
            int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("\r\ncontent-length:");
            if (at >= 0) {
                int end = text.indexOf('\r', at + 2);
                long bodyLength = Long.parseLong(text.substring(at + 17, end).trim());
                in.skipNBytes(bodyLength);
            }
            return status;
        }

        /** Closes the socket; nothing to tell the caller if that fails, the connection is gone either way. */
        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed or broken already
            }
        }
    }
}
