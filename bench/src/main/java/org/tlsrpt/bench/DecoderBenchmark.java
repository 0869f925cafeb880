package org.tlsrpt.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.parse.CanonicalJson;

/**
 * Decode + parse + canonical form + identity key, the whole work the ingest does per report, on one thread.
 * (a) Google's real 259-byte report, gzipped; (b) the same inside a multipart/report mail;
 * (c) a 14 MB report with 50,000 failure-details, raw JSON.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecoderBenchmark {

    /** Uncompressed JSON size per benchmark, for MB/s figures; filled by {@link LargeReport} sizes. */
    static final Map<String, Long> INPUT_BYTES = Map.of("largeReport", (long) LargeReport.json().length);

    private final ReportReader reader = new ReportReader(Limits.DEFAULTS);
    private byte[] googleGzip;
    private byte[] googleMail;
    private byte[] large;

    @Setup
    public void setUp() {
        byte[] google = GoogleReport.json();
        googleGzip = gzip(google);
        googleMail = GoogleReport.mail(googleGzip);
        large = LargeReport.json();
    }

    @Benchmark
    public long googleGzip() {
        return consume(reader.read(googleGzip, "application/tlsrpt+gzip", null));
    }

    @Benchmark
    public long googleMail() {
        return consume(reader.read(googleMail, null, null));
    }

    @Benchmark
    public long largeReport() {
        return consume(reader.read(large, "application/tlsrpt+json", null));
    }

    /** Computes what the ingest publishes for each report: canonical bytes and key. */
    private static long consume(ReadResult result) {
        if (result.reports().isEmpty()) {
            throw new IllegalStateException("benchmark input was refused: " + result.refusals());
        }
        long total = 0;
        for (ReadReport read : result.reports()) {
            total += CanonicalJson.toBytes(read.report()).length + read.key().value().length()
                    + read.findings().size();
        }
        return total;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] readCorpusOr(String relative, String fallback) {
        Path corpus = Path.of(System.getProperty("tlsrpt.corpus", "../shared/corpus/tlsrpt")).resolve(relative);
        try {
            if (Files.isRegularFile(corpus)) {
                return Files.readAllBytes(corpus);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fallback.getBytes(StandardCharsets.UTF_8);
    }

    static String base64Lines(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }
}
