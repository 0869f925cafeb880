package org.tlsrpt.checks.lab;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A real HTTPS server (the JDK's) serving one answer at {@code /.well-known/mta-sts.txt}. */
public final class LabPolicyServer implements AutoCloseable {

    /** What the server answers. */
    public record Answer(int status, String contentType, String location, String body) {
        public static Answer policy(String body) {
            return new Answer(200, "text/plain", "", body);
        }
    }

    private final HttpsServer server;
    public final AtomicInteger requests = new AtomicInteger();

    public LabPolicyServer(InetAddress address, int port, SSLContext tls, Answer answer) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(address, port), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            requests.incrementAndGet();
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (!answer.contentType().isEmpty()) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            if (!answer.location().isEmpty()) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
