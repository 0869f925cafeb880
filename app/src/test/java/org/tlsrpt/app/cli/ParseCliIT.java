package org.tlsrpt.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.testing.Bombs;

/**
 * Runs the packaged command, {@code java -jar tlsrpt-app.jar parse}, over every file of the shared corpus:
 * the contract that tests outside the repository rely on. Skipped where the corpus is absent.
 */
class ParseCliIT {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void parseOverTheWholeCorpusPrintsOnlyJsonLinesAndRefusesTheKnownBadSamples() throws Exception {
        Path corpus = Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("corpus/tlsrpt");
        assumeTrue(Files.isDirectory(corpus), "corpus not present");
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("MANIFEST.md"))
                    .sorted().forEach(p -> files.add(p.toString()));
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", System.getProperty("tlsrpt.app.jar"), "parse"));
        command.addAll(files);
        Path stdout = Files.createTempFile("parse", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        Map<String, List<JsonNode>> bySource = new TreeMap<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            JsonNode node = mapper.readTree(line);
            bySource.computeIfAbsent(node.get("source").asText(), k -> new ArrayList<>()).add(node);
        }
        assertThat(process.exitValue()).as("some samples are refused").isEqualTo(1);
        assertThat(bySource).containsOnlyKeys(files);
        for (String refused : List.of("YnkDK-tls_reporting/truncated.gz", "YnkDK-tls_reporting/date_error.json",
                "tlsrpt-rs/empty.eml")) {
            assertThat(bySource.get(corpus.resolve(refused).toString()))
                    .allSatisfy(node -> assertThat(node.has("error")).isTrue());
        }
        JsonNode google = bySource.get(corpus.resolve("mail-tls-rpt/report.json").toString()).get(0);
        JsonNode sameAsBase64 = bySource.get(corpus.resolve("mail-tls-rpt/report.json.gz.b64").toString()).get(0);
        JsonNode sameAsMail = bySource.get(corpus.resolve("mail-tls-rpt/email.eml").toString()).get(0);
        assertThat(sameAsBase64.get("key")).isEqualTo(google.get("key"));
        assertThat(sameAsMail.get("report")).isEqualTo(google.get("report"));
    }

    @Test
    void aZipWhoseEntriesPassAloneButNotTogetherIsRefusedOnA256MegabyteHeapAndTheNextFileIsStillParsed()
            throws Exception {
        // 32 entries of 40 MiB, each within the per-entry limits: 1.3 GB if kept together, as before the budget.
        Path dir = Files.createTempDirectory("parse-budget");
        Path bomb = Files.write(dir.resolve("many-entries.zip"), Bombs.zipOfCompressibleEntries(32, 40));
        Path good = Files.write(dir.resolve("good.json"), REPORT.getBytes(StandardCharsets.US_ASCII));
        Path stdout = dir.resolve("out.jsonl");
        Process process = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-jar", System.getProperty("tlsrpt.app.jar"), "parse", bomb.toString(), good.toString())
                .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            lines.add(mapper.readTree(line));
        }
        assertThat(process.exitValue()).as("1 for a refused file, not the JVM's 3 for OutOfMemoryError").isEqualTo(1);
        assertThat(lines).filteredOn(node -> node.get("source").asText().equals(bomb.toString()))
                .extracting(node -> node.path("error").path("code").asText())
                .contains("input-budget-exceeded");
        assertThat(lines).filteredOn(node -> node.get("source").asText().equals(good.toString()))
                .singleElement().satisfies(node -> assertThat(node.has("report")).isTrue());
    }

    private static final String REPORT = """
            {"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-11-27T00:00:00Z",\
            "end-datetime":"2026-11-27T23:59:59Z"},"contact-info":"smtp-tls-reporting@google.com",\
            "report-id":"budget","policies":[{"policy":{"policy-type":"sts","policy-domain":"after-bomb.example"},\
            "summary":{"total-successful-session-count":1,"total-failure-session-count":0}}]}""";

    private static String javaBinary() throws IOException {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
