package org.tlsrpt.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.core.Limits;

class ParseCommandTest {

    static final String GOOGLE_REPORT = """
            {"organization-name":"Google Inc.","date-range":{"start-datetime":"2020-03-02T00:00:00Z",\
            "end-datetime":"2020-03-02T23:59:59Z"},"contact-info":"smtp-tls-reporting@google.com",\
            "report-id":"2020-03-02T00:00:00Z_fastmaildmarc.com","policies":[{"policy":{"policy-type":\
            "no-policy-found","policy-domain":"FastmailDmarc.com."},"summary":{"total-successful-session-count":343,\
            "total-failure-session-count":0}}]}""";

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int parse(byte[] stdin, String... files) {
        return new ParseCommand(Limits.DEFAULTS).run(List.of(files), new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(mapper.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void gzipReportFilePrintsOneCanonicalLineAndExitsZero() throws IOException {
        Path file = dir.resolve("google.com!fastmaildmarc.com!1583107200!1583193599.json.gz");
        try (GZIPOutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file))) {
            gzip.write(GOOGLE_REPORT.getBytes(StandardCharsets.UTF_8));
        }

        int status = parse(new byte[0], file.toString());

        assertThat(status).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("source").asText()).isEqualTo(file.toString());
        assertThat(line.get("key").asText()).matches("[0-9a-f]{32}");
        JsonNode policy = line.at("/report/policies/0");
        assertThat(policy.at("/policy/policy-domain").asText()).isEqualTo("fastmaildmarc.com");
        assertThat(policy.at("/summary/total-successful-session-count").asLong()).isEqualTo(343);
        assertThat(line.get("findings").isArray()).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void stdinIsReadWhenTheFileIsADash() throws IOException {
        int status = parse(GOOGLE_REPORT.getBytes(StandardCharsets.UTF_8), "-");

        assertThat(status).isZero();
        assertThat(lines()).singleElement().satisfies(line -> {
            assertThat(line.get("source").asText()).isEqualTo("-");
            assertThat(line.at("/report/organization-name").asText()).isEqualTo("Google Inc.");
        });
    }

    @Test
    void unreadableAndBrokenFilesGiveErrorLinesAndExitOne() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"organization-name\": \"x\", ");
        Path missing = dir.resolve("missing.json");

        int status = parse(new byte[0], broken.toString(), missing.toString());

        assertThat(status).isEqualTo(1);
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("source").asText()).isEqualTo(broken.toString());
        assertThat(lines.get(0).at("/error/code").asText()).isEqualTo("not-json");
        assertThat(lines.get(0).at("/error/message").asText()).isNotBlank();
        assertThat(lines.get(1).at("/error/code").asText()).isEqualTo("no-such-file");
    }

    @Test
    void aGoodFileAfterABadOneIsStillPrinted() throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "hello");
        Path good = dir.resolve("good.json");
        Files.writeString(good, GOOGLE_REPORT);

        int status = parse(new byte[0], bad.toString(), good.toString());

        assertThat(status).isEqualTo(1);
        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.has("error")).containsExactly(true, false);
    }

    @Test
    void noFileArgumentsIsAUsageError() {
        assertThat(parse(new byte[0])).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }
}
