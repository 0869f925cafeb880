package org.tlsrpt.checks.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server for the lab: greets, answers EHLO (offering STARTTLS when it has a certificate),
 * starts TLS with its certificate, and says goodbye on QUIT. It counts connections and QUITs so tests can see that
 * a check is polite (one connection per MX, QUIT after STARTTLS).
 */
public final class LabSmtpServer implements AutoCloseable {

    /** How the server behaves after STARTTLS. */
    public enum Mode {
        /** Offers STARTTLS and completes the handshake. */
        TLS,
        /** Offers no STARTTLS. */
        PLAIN,
        /** Accepts STARTTLS, then answers the handshake with plain text. */
        BROKEN_TLS
    }

    private final ServerSocket socket;
    private final SSLContext tls;
    private final Mode mode;
    private final String name;
    private final Thread acceptor;
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger quits = new AtomicInteger();

    public LabSmtpServer(InetAddress address, int port, String name, Mode mode, SSLContext tls) throws IOException {
        this.socket = new ServerSocket();
        this.socket.setReuseAddress(true);
        this.socket.bind(new InetSocketAddress(address, port));
        this.tls = tls;
        this.mode = mode;
        this.name = name;
        this.acceptor = new Thread(this::accept, "lab-smtp-" + name);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> serve(client), "lab-smtp-session-" + name);
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            Socket current = client;
            BufferedReader in = reader(current);
            OutputStream out = current.getOutputStream();
            write(out, "220 " + name + " ESMTP lab");
            boolean secure = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    boolean offer = mode != Mode.PLAIN && !secure;
                    write(out, offer ? "250-" + name + "\r\n250-PIPELINING\r\n250 STARTTLS" : "250-" + name
                            + "\r\n250 PIPELINING");
                } else if (command.equals("STARTTLS") && mode != Mode.PLAIN && !secure) {
                    write(out, "220 go ahead");
                    if (mode == Mode.BROKEN_TLS) {
                        write(out, "this is no TLS server hello, sorry");
                        return;
                    }
                    SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory()
                            .createSocket(client, client.getInetAddress().getHostAddress(), client.getPort(), true);
                    tlsSocket.setUseClientMode(false);
                    tlsSocket.startHandshake();
                    current = tlsSocket;
                    in = reader(current);
                    out = current.getOutputStream();
                    secure = true;
                } else if (command.equals("QUIT")) {
                    quits.incrementAndGet();
                    write(out, "221 bye");
                    return;
                } else {
                    write(out, "502 not in the lab");
                }
            }
        } catch (IOException e) {
            // a client hanging up mid-conversation is part of what the lab sees
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
