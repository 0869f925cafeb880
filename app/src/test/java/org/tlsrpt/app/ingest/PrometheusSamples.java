package org.tlsrpt.app.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples a running application exports at /q/metrics, named {@code name{k=v,...}} with the labels sorted. */
public final class PrometheusSamples {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples;

    private PrometheusSamples(Map<String, Double> samples) {
        this.samples = samples;
    }

    /** @param managementPort where the application serves /q/metrics (never its public port) */
    public static PrometheusSamples scrape(int managementPort) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics"))
                        .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/q/metrics answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** The samples of a /q/metrics text in the Prometheus format. */
    public static PrometheusSamples parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            TreeMap<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            StringBuilder name = new StringBuilder(sample.group(1));
            if (!labels.isEmpty()) {
                name.append('{');
                labels.forEach((k, v) -> name.append(k).append('=').append(v).append(','));
                name.setCharAt(name.length() - 1, '}');
            }
            samples.put(name.toString(), Double.parseDouble(sample.group(4)));
        }
        return new PrometheusSamples(samples);
    }

    /** The value of a series, 0 when it is not (yet) exported. */
    /** Every series exported, {@code name{k=v,...}}. */
    public Set<String> names() {
        return samples.keySet();
    }

    public double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    /** How far a series moved since {@code before}. */
    public double since(PrometheusSamples before, String series) {
        return value(series) - before.value(series);
    }
}
