package org.tlsrpt.app.distributed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed read-only queries over ClickHouse's HTTP interface (TabSeparated), for what the API does not show: the
 * stored rows behind the totals, and the size of the tables on disk.
 */
final class ClickHouseQueries {

    private final String httpUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ClickHouseQueries(String httpUrl, String user, String password) {
        this.httpUrl = httpUrl.endsWith("/") ? httpUrl : httpUrl + "/";
        this.authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Rows of the answer, each split at tabs. */
    List<String[]> rows(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(httpUrl))
                .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(query + " FORMAT TabSeparated", StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse answered " + response.statusCode() + " to " + query + ": "
                    + response.body());
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    long number(String query) throws IOException, InterruptedException {
        List<String[]> rows = rows(query);
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0)[0]);
    }
}
