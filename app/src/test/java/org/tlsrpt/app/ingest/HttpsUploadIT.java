package org.tlsrpt.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RFC 8460 §5.4 over HTTPS: the running application serves the PEM certificate and key it was configured with, and
 * still serves plain HTTP for deployments behind an ingress that terminates TLS.
 */
@ExtendWith(RunningIngest.class)
class HttpsUploadIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpRequest upload(URI uri, byte[] gzip) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/tlsrpt+gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip)).build();
    }

    @Test
    void aReportPostedOverHttpsByAClientTrustingTheConfiguredCertificateIsCreated(RunningIngest ingest)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ingest.tls.trustingClientContext()).build();

        HttpResponse<String> response = client.send(upload(
                URI.create("https://localhost:" + ingest.httpsPort + "/v1/reports"),
                Fixtures.gzip(Fixtures.report("https.example"))), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.sslSession()).isPresent();
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("keys")).hasSize(1);
    }

    @Test
    void plainHttpIsStillServedForDeploymentsBehindAnIngress(RunningIngest ingest) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(upload(
                URI.create("http://127.0.0.1:" + ingest.httpPort() + "/"),
                Fixtures.gzip(Fixtures.report("plain-http.example"))), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("keys")).hasSize(1);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotPostAtAll(RunningIngest ingest) {
        HttpClient client = HttpClient.newHttpClient();

        assertThatThrownBy(() -> client.send(upload(
                URI.create("https://localhost:" + ingest.httpsPort + "/v1/reports"),
                Fixtures.gzip(Fixtures.report("untrusted.example"))), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }
}
