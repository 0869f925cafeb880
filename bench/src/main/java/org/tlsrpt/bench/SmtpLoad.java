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
 * A minimal SMTP client on a raw socket: one connection per client, EHLO once, then MAIL / RCPT / DATA repeated
 * for many messages on the same connection, waiting for each reply (no pipelining). Only {@code 250} after the
 * end of DATA counts as acknowledged; any other reply ends the transaction with RSET.
 */
final class SmtpLoad implements Load {

    private static final byte[] MAIL = ascii("MAIL FROM:<tlsrpt-noreply@sender.example>\r\n");
    private static final byte[] RCPT = ascii("RCPT TO:<tlsrpt@company-y.example>\r\n");
    private static final byte[] DATA = ascii("DATA\r\n");
    private static final byte[] END = ascii("\r\n.\r\n");
    private static final byte[] RSET = ascii("RSET\r\n");

    private final int port;
    private final Reports messages;

    SmtpLoad(int port, Reports messages) {
        this.port = port;
        this.messages = messages;
    }

    @Override
    public String unit() {
        return "messages";
    }

    @Override
    public Client client() throws IOException {
        return new Connection();
    }

    private final class Connection implements Client {

        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        Connection() throws IOException {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            expect(reply(), 220);
            out.write(ascii("EHLO bench.sender.example\r\n"));
            out.flush();
            expect(reply(), 250);
        }

        @Override
        public String send() throws IOException {
            int code = command(MAIL);
            if (code == 250) {
                code = command(RCPT);
            }
            if (code == 250) {
                code = command(DATA);
            }
            if (code != 354) {
                command(RSET);
                return "SMTP " + code + " before DATA";
            }
            out.write(messages.next());
            code = command(END);
            return code == 250 ? null : "SMTP " + code;
        }

        private int command(byte[] line) throws IOException {
            out.write(line);
            out.flush();
            return reply();
        }

        /** Reads a (possibly multi-line) reply and returns its code. */
        private int reply() throws IOException {
            while (true) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) != '\n') {
                    if (c < 0) {
                        throw new IOException("the server closed the connection");
                    }
                    line.append((char) c);
                }
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return Integer.parseInt(line.substring(0, 3));
                }
            }
        }

        private void expect(int code, int wanted) throws IOException {
            if (code != wanted) {
                throw new IOException("expected " + wanted + ", the server answered " + code);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                command(ascii("QUIT\r\n"));
            } catch (IOException ignored) {
                // closing anyway
            }
            socket.close();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
