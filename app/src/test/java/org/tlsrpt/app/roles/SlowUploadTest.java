package org.tlsrpt.app.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.health.EmbeddedInfrastructureResource;

/** A client that trickles its body is cut off at the body deadline (10 s in tests) instead of holding on. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class SlowUploadTest {

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    @Test
    void aBodyTrickledSlowerThanTheDeadlineGets408AndTheConnectionIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", root.getPort())) {
            // Long enough for the deadline, short enough that a server without one fails the test.
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/tlsrpt+json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"organization-name\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 408");
        }
    }
}
