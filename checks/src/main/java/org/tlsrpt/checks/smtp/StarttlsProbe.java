package org.tlsrpt.checks.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.tlsrpt.checks.probe.TlsConnector;
import org.tlsrpt.checks.probe.TlsSession;

/**
 * One polite STARTTLS probe (RFC 3207): connect, read the greeting, EHLO, STARTTLS, handshake, QUIT. One
 * connection per MX address and check; no mail is offered. Every read is bounded in time and length, and the
 * whole probe by {@link #deadline()}: when it passes, the socket is closed under the reading thread, because a
 * peer trickling a byte within each read timeout would otherwise hold the probe for weeks, and neither an
 * interrupt nor {@code Future.cancel} unblocks a {@code Socket.read}.
 */
public final class StarttlsProbe {

    /** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets; we allow some slack for sloppy servers. */
    static final int MAX_LINE = 2048;
    /** Lines of one multi-line reply we read at most (EHLO answers have a few dozen at worst). */
    static final int MAX_LINES = 100;

    /** Closes the sockets of probes past their deadline; one daemon thread for every probe. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tlsrpt-check-probe-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final TlsConnector tls;
    private final Duration connectTimeout;
    private final Duration ioTimeout;
    private final String ehloName;

    public StarttlsProbe(TlsConnector tls, Duration connectTimeout, Duration ioTimeout, String ehloName) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.ioTimeout = ioTimeout;
        this.ehloName = ehloName;
    }

    /** The bound of one whole probe: the connect and two read timeouts (a polite exchange takes a few seconds). */
    public Duration deadline() {
        return connectTimeout.plus(ioTimeout.multipliedBy(2));
    }

    public StarttlsOutcome probe(String mxHost, InetAddress address, int port) {
        Socket socket = new Socket();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> closer = DEADLINES.schedule(() -> {
            expired.set(true);
            closeQuietly(socket);
        }, deadline().toMillis(), TimeUnit.MILLISECONDS);
        try {
            StarttlsOutcome outcome = converse(socket, mxHost, address, port);
            if (expired.get() && !(outcome instanceof StarttlsOutcome.Established)) {
                return new StarttlsOutcome.Unreachable("probe deadline of " + deadline().toSeconds()
                        + " s passed");
            }
            return outcome;
        } finally {
            closer.cancel(false);
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }

    private StarttlsOutcome converse(Socket socket, String mxHost, InetAddress address, int port) {
        try (socket) {
            try {
                socket.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
                socket.setSoTimeout((int) ioTimeout.toMillis());
            } catch (IOException e) {
                return new StarttlsOutcome.Unreachable("cannot connect to " + address.getHostAddress() + ":" + port
                        + ": " + e.getMessage());
            }
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Reply greeting;
            try {
                greeting = Reply.read(in);
            } catch (IOException e) {
                return new StarttlsOutcome.Unreachable("no SMTP greeting: " + e.getMessage());
            }
            if (greeting.code() != 220) {
                return new StarttlsOutcome.Unreachable("greeting " + greeting.code() + " instead of 220");
            }
            send(out, "EHLO " + ehloName);
            Reply ehlo = Reply.read(in);
            if (ehlo.code() != 250) {
                send(out, "QUIT");
                return new StarttlsOutcome.NotOffered("EHLO answered " + ehlo.code());
            }
            boolean offered = ehlo.lines().stream().skip(1)
                    .anyMatch(line -> line.toUpperCase(Locale.ROOT).strip().equals("STARTTLS"));
            if (!offered) {
                send(out, "QUIT");
                return new StarttlsOutcome.NotOffered("STARTTLS not in the EHLO answer");
            }
            send(out, "STARTTLS");
            Reply ready = Reply.read(in);
            if (ready.code() != 220) {
                send(out, "QUIT");
                return new StarttlsOutcome.NotOffered("STARTTLS answered " + ready.code());
            }
            SSLSocket secure;
            try {
                secure = tls.handshake(socket, mxHost);
            } catch (IOException e) {
                return new StarttlsOutcome.HandshakeFailed("TLS handshake failed: " + e.getMessage());
            }
            TlsSession session = TlsConnector.session(secure);
            try {
                send(secure.getOutputStream(), "QUIT");
                Reply.read(secure.getInputStream());
            } catch (IOException e) {
                // the handshake is what we came for; a server hanging up on QUIT changes nothing
            }
            secure.close();
            return new StarttlsOutcome.Established(session);
        } catch (IOException e) {
            return new StarttlsOutcome.Unreachable("SMTP conversation broke off: " + e.getMessage());
        }
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One SMTP reply: its code and the text of its lines. */
    record Reply(int code, List<String> lines) {

        static Reply read(InputStream in) throws IOException {
            List<String> lines = new ArrayList<>();
            while (lines.size() < MAX_LINES) {
                String line = readLine(in);
                if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                    throw new IOException("not an SMTP reply: '" + printable(line) + "'");
                }
                lines.add(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) != '-') {
                    return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
                }
            }
            throw new IOException("reply longer than " + MAX_LINES + " lines");
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() >= MAX_LINE) {
                    throw new IOException("reply line longer than " + MAX_LINE + " bytes");
                }
                line.append((char) b);
            }
        }

        private static String printable(String text) {
            return org.tlsrpt.checks.record.TxtFields.shorten(text);
        }
    }
}
