package org.tlsrpt.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Reads every sample of the shared corpus of real reports ({@code ../shared/corpus/tlsrpt}, described by its
 * MANIFEST.md) and checks each is read or refused as the manifest says. Skipped where the corpus is absent.
 * Expected session counts come from an independent, naive reading of each file (JDK gzip, Jakarta Mail,
 * Jackson's tree model), not from the code under test.
 */
class CorpusAcceptanceTest {

    /** Samples that must be refused, with the reason. */
    private static final List<Expectation> REFUSED = List.of(
            new Expectation("YnkDK-tls_reporting/truncated.gz", RefusalCode.TRUNCATED_COMPRESSION),
            new Expectation("YnkDK-tls_reporting/date_error.json", RefusalCode.DATE_RANGE_INVALID),
            new Expectation("tlsrpt-rs/empty.eml", RefusalCode.NO_REPORT_IN_MESSAGE));

    private record Expectation(String file, RefusalCode code) {
    }

    private record Sample(String file, String provenance) {
        boolean mustParse() {
            return provenance.startsWith("REAL") || provenance.startsWith("RFC");
        }
    }

    private final ReportReader reader = new ReportReader(Limits.DEFAULTS);
    private final ObjectMapper mapper = new ObjectMapper();

    static Path corpus() {
        String configured = System.getenv("TLSRPT_CORPUS");
        if (configured != null) {
            return Path.of(configured);
        }
        // The module runs in <repo>/core; the shared folder sits beside the repository.
        return Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("corpus/tlsrpt");
    }

    private static List<Sample> manifest(Path corpus) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("MANIFEST.md"))) {
            if (line.matches("^\\| \\d+ \\|.*")) {
                String[] cells = line.split(" \\| ");
                samples.add(new Sample(cells[1].trim(), cells[5].trim()));
            }
        }
        return samples;
    }

    @TestFactory
    Stream<DynamicTest> everySampleIsReadOrRefusedAsTheManifestSays() throws IOException {
        Path corpus = corpus();
        assumeTrue(Files.isRegularFile(corpus.resolve("MANIFEST.md")), "corpus not present at " + corpus);
        List<Sample> samples = manifest(corpus);
        assertThat(samples).hasSizeGreaterThanOrEqualTo(50);
        Set<String> refused = Set.copyOf(REFUSED.stream().map(Expectation::file).toList());
        return samples.stream().map(sample -> DynamicTest.dynamicTest(sample.file(), () -> {
            Path file = corpus.resolve(sample.file());
            byte[] bytes = Files.readAllBytes(file);
            ReadResult result = reader.read(bytes, null, file.getFileName().toString());
            if (refused.contains(sample.file())) {
                RefusalCode expected = REFUSED.stream().filter(e -> e.file().equals(sample.file()))
                        .findFirst().orElseThrow().code();
                assertThat(result.reports()).as("reports read from %s", sample.file()).isEmpty();
                assertThat(result.refusals()).extracting(r -> r.code()).contains(expected);
            } else if (sample.mustParse()) {
                assertThat(result.refusals()).as("refusals for %s", sample.file()).isEmpty();
                assertThat(result.reports()).as("reports in %s", sample.file()).hasSize(1);
                assertThat(summaryCounts(result.reports().get(0)))
                        .as("summary counts of %s", sample.file())
                        .isEqualTo(independentSummaryCounts(bytes));
            } else {
                // Synthetic and edited samples may go either way, but always with an answer.
                assertThat(result.reports().size() + result.refusals().size()).isPositive();
            }
        }));
    }

    private static List<List<Long>> summaryCounts(ReadReport read) {
        return read.report().policies().stream()
                .map(p -> List.of(p.summary().totalSuccessfulSessionCount(), p.summary().totalFailureSessionCount()))
                .toList();
    }

    private List<List<Long>> independentSummaryCounts(byte[] bytes) throws Exception {
        JsonNode report = mapper.readTree(independentJson(bytes));
        List<List<Long>> counts = new ArrayList<>();
        for (JsonNode policy : report.get("policies")) {
            JsonNode summary = policy.get("summary");
            counts.add(List.of(summary.path("total-successful-session-count").asLong(),
                    summary.path("total-failure-session-count").asLong()));
        }
        return counts;
    }

    private byte[] independentJson(byte[] bytes) throws Exception {
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            }
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1).strip();
        if (text.startsWith("{") || text.startsWith("\uFEFF") || text.startsWith("\u00EF")) {
            return bytes;
        }
        if (text.matches("[A-Za-z0-9+/=\\s]+")) {
            return independentJson(Base64.getMimeDecoder().decode(text));
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
        Part attachment = findAttachment(message);
        try (InputStream in = attachment.getInputStream()) {
            return independentJson(in.readAllBytes());
        }
    }

    private static Part findAttachment(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = findAttachment(child);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return part.isMimeType("application/*") ? part : null;
    }
}
