package org.tlsrpt.core.decode;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tlsrpt.core.decode.Samples.REPORT;
import static org.tlsrpt.core.decode.Samples.ascii;
import static org.tlsrpt.core.decode.Samples.zip;
import static org.tlsrpt.core.testing.Bombs.gzipOfZeros;
import static org.tlsrpt.core.testing.Bombs.zipWithOneDeflatedEntry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.core.testing.Bombs;

/**
 * Hostile compressed input is refused before it costs more than the limits allow. Runs in its own surefire
 * execution with a 64 MB heap ({@code core/pom.xml}, execution {@code bombs}), so a bomb that were inflated
 * into memory would fail the build with an OutOfMemoryError, not pass by luck on a big heap.
 */
@Tag("bomb")
class DecompressionBombTest {

    private static final int MIB = 1024 * 1024;

    private static final byte[] JSON_START = Bombs.JSON_START;
    private static byte[] gzipOf10GiB;

    @BeforeAll
    static void buildBombs() {
        gzipOf10GiB = gzipOfZeros(10_240, true);
    }

    @Test
    void bombsAreWellFormedSoOnlyTheLimitsStopThem() {
        ReportDecoder generous = new ReportDecoder(
                ReportDecoderTest.limits(20L * MIB, 8L * MIB, Integer.MAX_VALUE, MIB, 100, 8, 32));

        DecodeResult gzip = generous.decode(gzipOfZeros(4, true), null, null);
        DecodeResult zip = generous.decode(zipWithOneDeflatedEntry("small.json", 4), null, null);

        assertThat(gzip.refusals()).isEmpty();
        assertThat(gzip.reports().get(0).length()).isEqualTo(4 * MIB + JSON_START.length);
        assertThat(zip.refusals()).isEmpty();
        assertThat(zip.reports().get(0).length()).isEqualTo(4 * MIB + JSON_START.length);
    }

    @Test
    void gzipOfTenGibibytesOfZerosIsRefusedAfterItsFirstBytesAsNotJson() {
        DecodeResult result = new ReportDecoder(Limits.DEFAULTS).decode(gzipOfZeros(10_240, false), null, null);

        assertThat(result.reports()).isEmpty();
        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.NOT_JSON);
    }

    @Test
    void gzipOfTenGibibytesIsRefusedByItsCompressionRatio() {
        assertThat(gzipOf10GiB.length).isLessThan(12 * MIB);

        DecodeResult result = new ReportDecoder(Limits.DEFAULTS).decode(gzipOf10GiB, "application/tlsrpt+gzip", null);

        assertThat(result.reports()).isEmpty();
        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.COMPRESSION_RATIO);
    }

    @Test
    void gzipOfTenGibibytesIsRefusedBySizeWhenTheRatioWouldAllowIt() {
        ReportDecoder decoder = new ReportDecoder(
                ReportDecoderTest.limits(20L * MIB, 8L * MIB, Integer.MAX_VALUE, MIB, 100, 8, 32));

        DecodeResult result = decoder.decode(gzipOf10GiB, null, null);

        assertThat(result.reports()).isEmpty();
        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.DECOMPRESSED_TOO_LARGE);
    }

    @Test
    void gzipBombAttachedToAMailIsRefusedForItsPartOnly() {
        String message = "From: bomber@example.com\nSubject: Report Domain: example.net\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\nhello\n"
                + "--b\nContent-Type: application/tlsrpt+gzip\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(gzipOfZeros(256, true)) + "\n--b--\n";

        DecodeResult result = new ReportDecoder(Limits.DEFAULTS).decode(message.getBytes(StandardCharsets.US_ASCII),
                null, null);

        assertThat(result.reports()).isEmpty();
        assertThat(result.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.COMPRESSION_RATIO, "mime:2"));
    }

    @Test
    void zipWhoseSingleEntryExpandsToAGibibyteIsRefused() {
        byte[] archive = zipWithOneDeflatedEntry("report.json", 1024);

        DecodeResult byRatio = new ReportDecoder(Limits.DEFAULTS).decode(archive, null, null);
        DecodeResult bySize = new ReportDecoder(
                ReportDecoderTest.limits(20L * MIB, 8L * MIB, Integer.MAX_VALUE, MIB, 100, 8, 32))
                .decode(archive, null, null);

        assertThat(byRatio.reports()).isEmpty();
        assertThat(byRatio.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.COMPRESSION_RATIO, "zip:report.json"));
        assertThat(bySize.refusals()).extracting(Refusal::code)
                .containsExactly(RefusalCode.DECOMPRESSED_TOO_LARGE);
    }

    @Test
    void zipInZipInZipIsRefusedAsNestedWithoutOpeningTheInnerArchives() {
        byte[] innermost = zipWithOneDeflatedEntry("bomb.json", 512);
        byte[] middle = zip("a.zip", innermost, "b.zip", innermost);
        byte[] outer = zip("middle.zip", middle, "report.json", REPORT);

        DecodeResult result = new ReportDecoder(Limits.DEFAULTS).decode(outer, "application/zip", null);

        assertThat(result.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.NESTED_ARCHIVE, "zip:middle.zip"));
        assertThat(result.reports()).extracting(DecodedReport::location).containsExactly("zip:report.json");
    }

    @Test
    void gzipHoldingAZipBombIsRefusedAsNested() {
        byte[] zipBomb = zipWithOneDeflatedEntry("bomb.json", 64);

        DecodeResult result = new ReportDecoder(Limits.DEFAULTS).decode(Samples.gzip(zipBomb), null, null);

        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.NESTED_ARCHIVE);
    }

    @Test
    void manyTinyEntriesAreRefusedAfterTheLimit() {
        Object[] entries = new Object[2 * 1000];
        for (int i = 0; i < 1000; i++) {
            entries[2 * i] = "r" + i + ".json";
            entries[2 * i + 1] = ascii("{}");
        }

        DecodeResult result = new ReportDecoder(Limits.DEFAULTS).decode(zip(entries), null, null);

        assertThat(result.reports()).hasSize(Limits.DEFAULTS.maxArchiveEntries());
        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.TOO_MANY_PARTS);
    }

    @Test
    void entriesThatEachPassTheirLimitsAreParsedAndReleasedOneAtATime() {
        // 16 entries of 6 MiB: 96 MiB in all, more than this 64 MB heap. Only one entry may be alive at a time.
        byte[] archive = Bombs.zipOfCompressibleEntries(16, 6);
        Limits limits = ReportDecoderTest.limits(20L * MIB, 8L * MIB, 300, MIB, 100, 8, 32)
                .withMaxInputDecompressedBytes(200L * MIB);

        ReadResult result = new ReportReader(limits).read(archive, null, null);

        assertThat(result.reports()).isEmpty();
        assertThat(result.refusals()).hasSize(16).extracting(Refusal::code).containsOnly(RefusalCode.VALUE_TOO_LONG);
    }

    @Test
    void entriesThatEachPassTheirLimitsAreRefusedOnceTheirSumPassesTheBudget() {
        // Kept whole, the 32 entries of 6 MiB would need 192 MiB: three times this heap.
        byte[] archive = Bombs.zipOfCompressibleEntries(32, 6);
        Limits limits = ReportDecoderTest.limits(20L * MIB, 8L * MIB, 300, MIB, 100, 8, 32)
                .withMaxInputDecompressedBytes(20L * MIB);

        DecodeResult kept = new ReportDecoder(limits).decode(archive, null, null);

        assertThat(kept.reports()).extracting(DecodedReport::location)
                .containsExactly("zip:part-0.json", "zip:part-1.json", "zip:part-2.json");
        assertThat(kept.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.INPUT_BUDGET_EXCEEDED, "zip:part-3.json"));
    }
}
