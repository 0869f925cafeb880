package org.tlsrpt.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.checks.https.PolicyFetch;
import org.tlsrpt.checks.https.PolicyResponse;
import org.tlsrpt.checks.lab.TestCa;
import org.tlsrpt.checks.probe.TlsConnector;
import org.tlsrpt.checks.smtp.StarttlsOutcome;
import org.tlsrpt.checks.smtp.StarttlsProbe;

/**
 * MX and policy hosts are chosen by whoever owns the domain: each attack here is a peer that tries to hold a probe
 * forever or fill our memory. Every one must end in a result, bounded in time and size. Peers listen on
 * 127.0.0.1 at free ports.
 */
class HostilePeersIT {

    static final Duration IO = Duration.ofSeconds(2);
    static final InetAddress LOCAL = InetAddress.getLoopbackAddress();

    @TempDir
    static Path dir;
    static SSLContext serverTls;

    ServerSocket server;
    Thread peer;

    @BeforeAll
    static void certificate() throws IOException {
        TestCa ca = TestCa.create(dir.resolve("ca"), "hostile test CA");
        serverTls = ca.issue("mta-sts", Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86400),
                "mta-sts.hostile.example").serverContext();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (peer != null) {
            peer.interrupt();
        }
    }

    /** Starts a peer that handles one connection with {@code behaviour}. */
    int peer(ServerSocket socket, Consumer<Socket> behaviour) {
        server = socket;
        peer = new Thread(() -> {
            try (Socket client = socket.accept()) {
                behaviour.accept(client);
            } catch (IOException e) {
                // the probe hung up: what we want
            }
        });
        peer.setDaemon(true);
        peer.start();
        return socket.getLocalPort();
    }

    int plainPeer(Consumer<Socket> behaviour) throws IOException {
        return peer(new ServerSocket(0, 1, LOCAL), behaviour);
    }

    int tlsPeer(Consumer<Socket> behaviour) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 1, LOCAL);
        return peer(socket, behaviour);
    }

    static void write(Socket socket, String text) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void endless(Socket socket, String piece) {
        byte[] bytes = piece.repeat(1000).getBytes(StandardCharsets.US_ASCII);
        try {
            while (true) {
                socket.getOutputStream().write(bytes);
            }
        } catch (IOException e) {
            // the probe stopped reading and closed
        }
    }

    static void silent(Socket socket) {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    StarttlsOutcome probe(int port) {
        return new StarttlsProbe(new TlsConnector(), IO, IO, "checker.test").probe("mx.hostile.example", LOCAL, port);
    }

    PolicyResponse fetch(int port) {
        return new PolicyFetch(new TlsConnector(), IO, IO).fetch("mta-sts.hostile.example", LOCAL, port);
    }

    @Test
    void anSmtpGreetingThatNeverEndsIsCutAtTheLineBound() throws IOException {
        StarttlsOutcome outcome = probe(plainPeer(socket -> endless(socket, "220 ")));
        assertThat(outcome).isInstanceOf(StarttlsOutcome.Unreachable.class);
        assertThat(((StarttlsOutcome.Unreachable) outcome).reason()).contains("longer than");
    }

    @Test
    void anEhloReplyOfEndlessContinuationLinesIsCutAtTheLineCount() throws IOException {
        StarttlsOutcome outcome = probe(plainPeer(socket -> {
            write(socket, "220 hi\r\n");
            endless(socket, "250-PIPELINING\r\n");
        }));
        assertThat(outcome).isInstanceOf(StarttlsOutcome.Unreachable.class);
        assertThat(((StarttlsOutcome.Unreachable) outcome).reason()).contains("lines");
    }

    @Test
    void aSilentMxEndsInATimeout() throws IOException {
        assertThat(probe(plainPeer(HostilePeersIT::silent))).isInstanceOf(StarttlsOutcome.Unreachable.class);
    }

    @Test
    void aTricklingMxIsCutAtTheProbeDeadline() throws IOException {
        StarttlsProbe probe = new StarttlsProbe(new TlsConnector(), IO, IO, "checker.test");
        long started = System.nanoTime();
        StarttlsOutcome outcome = probe.probe("mx.hostile.example", LOCAL, plainPeer(socket -> {
            try {
                for (int i = 0; i < 2000; i++) {
                    write(socket, "2");
                    Thread.sleep(500); // each read succeeds within the read timeout (2 s), the greeting never ends
                }
            } catch (InterruptedException | RuntimeException e) {
                // the probe hung up
            }
        }));
        assertThat(outcome).isInstanceOf(StarttlsOutcome.Unreachable.class);
        // the probe's deadline (6 s) ended it, not the line bound (2048 bytes at 2 a second: 17 minutes)
        assertThat(((StarttlsOutcome.Unreachable) outcome).reason()).contains("deadline");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void aHugeDeclaredPolicyIsRefusedBeforeReading() throws IOException {
        PolicyResponse response = fetch(tlsPeer(socket -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 999999999\r\n\r\n");
            endless(socket, "mx: a.example\n");
        }));
        assertThat(response).isInstanceOf(PolicyResponse.Failed.class);
        assertThat(((PolicyResponse.Failed) response).reason()).contains("Content-Length");
    }

    @Test
    void anEndlessPolicyBodyIsCutAtTheSizeBound() throws IOException {
        PolicyResponse response = fetch(tlsPeer(socket -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
            endless(socket, "mx: a.example\n");
        }));
        assertThat(response).isInstanceOf(PolicyResponse.Failed.class);
        assertThat(((PolicyResponse.Failed) response).reason()).contains("larger than");
    }

    @Test
    void endlessChunksAreCutAtTheSizeBound() throws IOException {
        PolicyResponse response = fetch(tlsPeer(socket -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
            endless(socket, "e\r\nmx: a.example\n\r\n");
        }));
        assertThat(response).isInstanceOf(PolicyResponse.Failed.class);
        assertThat(((PolicyResponse.Failed) response).reason()).contains("larger than");
    }

    @Test
    void endlessHeadersAreCutAtTheHeadBound() throws IOException {
        PolicyResponse response = fetch(tlsPeer(socket -> {
            write(socket, "HTTP/1.1 200 OK\r\n");
            endless(socket, "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaa\r\n");
        }));
        assertThat(response).isInstanceOf(PolicyResponse.Failed.class);
        assertThat(((PolicyResponse.Failed) response).reason()).contains("head longer");
    }

    @Test
    void aTricklingPolicyHostIsCutAtTheDeadline() throws IOException {
        PolicyResponse response = fetch(tlsPeer(socket -> {
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
            try {
                for (int i = 0; i < 1000; i++) {
                    write(socket, "m");
                    Thread.sleep(100); // each read succeeds within the read timeout, the whole never ends
                }
            } catch (InterruptedException | RuntimeException e) {
                // the probe gave up
            }
        }));
        assertThat(response).isInstanceOf(PolicyResponse.Failed.class);
        // the whole-response deadline (2 s) ended it, not the trickle's end (100 s)
        assertThat(((PolicyResponse.Failed) response).reason()).contains("too long");
    }
}
