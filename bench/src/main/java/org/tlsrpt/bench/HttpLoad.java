package org.tlsrpt.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code POST /v1/reports} with {@code application/tlsrpt+gzip} bodies over HTTP/1.1 keep-alive
 * (java.net.http.HttpClient); each client is one thread sending synchronously, so N clients hold N connections.
 * Only {@code 201 Created} counts as acknowledged.
 */
final class HttpLoad implements Load, AutoCloseable {

    private final URI uri;
    private final Reports reports;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient http;

    HttpLoad(int port, Reports reports) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/v1/reports");
        this.reports = reports;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String unit() {
        return "reports";
    }

    @Override
    public Client client() {
        return new Client() {
            @Override
            public String send() throws Exception {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/tlsrpt+gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(reports.next())).build();
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 201 ? null : "HTTP " + response.statusCode();
            }

            @Override
            public void close() {
                // connections belong to the shared HttpClient's pool
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
