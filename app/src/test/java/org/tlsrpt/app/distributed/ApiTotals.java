package org.tlsrpt.app.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tlsrpt.processor.TestReports;

/**
 * What the api role answers, against the generator's own tally: each domain's successful and failed sessions per
 * policy type ({@code GET /api/v1/domains/{domain}/summary}) over the whole generated period.
 */
final class ApiTotals {

    /** The generator's reports start on this day and span 40 days. */
    static final String FROM = "2026-10-01";
    static final String TO = "2026-11-15";

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    ApiTotals(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Every domain's per-type totals, as the API answers them, keyed {@code domain|type}: [successful, failed]. */
    Map<String, List<Long>> byDomainAndType(Iterable<String> domains) throws IOException, InterruptedException {
        Map<String, List<Long>> totals = new TreeMap<>();
        for (String domain : domains) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/domains/"
                    + domain + "/summary?from=" + FROM + "&to=" + TO)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("summary of " + domain + ": " + response.body()).isEqualTo(200);
            for (JsonNode type : json.readTree(response.body()).path("policyTypes")) {
                totals.put(domain + "|" + type.path("policyType").asText(),
                        List.of(type.path("successfulSessions").asLong(), type.path("failedSessions").asLong()));
            }
        }
        return totals;
    }

    /** The same from the tally: its daily rows summed per domain and policy type. */
    static Map<String, List<Long>> expected(TestReports.Tally tally) {
        Map<String, List<Long>> totals = new TreeMap<>();
        tally.dailyPolicy.forEach((key, sums) -> {
            String[] parts = key.split("\\|");
            totals.merge(parts[0] + "|" + parts[2], List.of(sums.get(1), sums.get(2)),
                    (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
        });
        return totals;
    }

    static List<String> domains(TestReports.Tally tally) {
        return tally.dailyPolicy.keySet().stream().map(key -> key.split("\\|")[0]).distinct().sorted().toList();
    }
}
