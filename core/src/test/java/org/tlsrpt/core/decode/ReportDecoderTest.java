package org.tlsrpt.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsrpt.core.decode.Samples.REPORT;
import static org.tlsrpt.core.decode.Samples.REPORT_JSON;
import static org.tlsrpt.core.decode.Samples.ascii;
import static org.tlsrpt.core.decode.Samples.concat;
import static org.tlsrpt.core.decode.Samples.gzip;
import static org.tlsrpt.core.decode.Samples.json;
import static org.tlsrpt.core.decode.Samples.zip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.FindingCode;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

class ReportDecoderTest {

    private final ReportDecoder decoder = new ReportDecoder(Limits.DEFAULTS);

    static Limits limits(long maxMessage, long maxDecompressed, int ratio, long grace, int parts, int depth,
            int entries) {
        Limits d = Limits.DEFAULTS;
        return new Limits(maxMessage, maxDecompressed, ratio, grace, d.maxJsonDepth(), d.maxJsonStringLength(),
                d.maxPolicies(), d.maxFailureDetails(), d.maxSessionCount(), parts, depth, entries,
                d.maxInputDecompressedBytes());
    }

    private static RefusalCode onlyRefusal(DecodeResult result) {
        assertThat(result.reports()).isEmpty();
        assertThat(result.refusals()).hasSize(1);
        return result.refusals().get(0).code();
    }

    // raw JSON

    @Test
    void rawJsonIsHandedOverWithoutCopying() {
        DecodeResult result = decoder.decode(REPORT, "application/tlsrpt+json", "google.com!example.net!1!2.json");

        assertThat(result.refusals()).isEmpty();
        DecodedReport report = result.reports().get(0);
        assertThat(report.json()).isSameAs(REPORT);
        assertThat(report.length()).isEqualTo(REPORT.length);
        assertThat(report.location()).isEqualTo("$");
        assertThat(report.findings()).isEmpty();
        assertThat(report.envelope().fileName()).isEqualTo("google.com!example.net!1!2.json");
        assertThat(report.envelope().reportFileName().policyDomain()).isEqualTo("example.net");
    }

    @Test
    void rawJsonAfterByteOrderMarkAndWhitespaceIsRecognised() {
        byte[] input = concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, ascii(" \r\n\t"), REPORT);

        assertThat(decoder.decode(input, null, null).reports()).hasSize(1);
    }

    @Test
    void jsonDeclaredAsGzipIsReadByItsBytesWithAFinding() {
        DecodedReport report = decoder.decode(REPORT, "application/tlsrpt+gzip", null).reports().get(0);

        assertThat(report.findings()).extracting(f -> f.code()).containsExactly(FindingCode.MEDIA_TYPE_MISMATCH);
    }

    // gzip

    @Test
    void gzipIsInflatedWhateverItsNameAndDeclaredTypeSay() {
        DecodeResult result = decoder.decode(gzip(REPORT), "application/octet-stream", "report.zip");

        assertThat(result.refusals()).isEmpty();
        assertThat(json(result.reports().get(0))).isEqualTo(REPORT_JSON);
        assertThat(result.reports().get(0).findings()).isEmpty();
    }

    @Test
    void gzipDeclaredAsJsonIsRecordedAsMediaTypeMismatch() {
        DecodedReport report = decoder.decode(gzip(REPORT), "application/tlsrpt+json; charset=utf-8", null)
                .reports().get(0);

        assertThat(report.findings()).extracting(f -> f.code()).containsExactly(FindingCode.MEDIA_TYPE_MISMATCH);
        assertThat(report.findings().get(0).message()).contains("application/tlsrpt+json").contains("gzip");
    }

    @Test
    void gzipHeaderWithEveryOptionalFieldIsSkipped() {
        byte[] header = gzipHeader(0x01 | 0x02 | 0x04 | 0x08 | 0x10, true);

        DecodeResult result = decoder.decode(concat(header, deflateRaw(REPORT), trailer(REPORT)), null, null);

        assertThat(result.refusals()).isEmpty();
        assertThat(json(result.reports().get(0))).isEqualTo(REPORT_JSON);
    }

    @Test
    void gzipHeaderWithWrongHeaderChecksumIsRefusedAsCorrupt() {
        byte[] header = gzipHeader(0x02 | 0x08, false);

        assertThat(onlyRefusal(decoder.decode(concat(header, deflateRaw(REPORT), trailer(REPORT)), null, null)))
                .isEqualTo(RefusalCode.CORRUPT_COMPRESSION);
    }

    @Test
    void concatenatedGzipMembersAreReadAsOneStream() {
        byte[] first = Arrays.copyOfRange(REPORT, 0, 100);
        byte[] second = Arrays.copyOfRange(REPORT, 100, REPORT.length);

        DecodeResult result = decoder.decode(concat(gzip(first), gzip(second)), null, null);

        assertThat(result.refusals()).isEmpty();
        assertThat(json(result.reports().get(0))).isEqualTo(REPORT_JSON);
    }

    @Test
    void zeroPaddingAfterTheGzipStreamIsTolerated() {
        assertThat(decoder.decode(concat(gzip(REPORT), new byte[16]), null, null).reports()).hasSize(1);
    }

    @Test
    void garbageAfterTheGzipStreamIsRefusedAsCorrupt() {
        assertThat(onlyRefusal(decoder.decode(concat(gzip(REPORT), ascii("trailing")), null, null)))
                .isEqualTo(RefusalCode.CORRUPT_COMPRESSION);
    }

    @Test
    void gzipCutShortIsRefusedAsTruncated() {
        byte[] gz = gzip(REPORT);
        for (int cut : new int[] {3, 10, 12, gz.length / 2, gz.length - 4, gz.length - 1}) {
            DecodeResult result = decoder.decode(Arrays.copyOf(gz, cut), null, null);

            assertThat(onlyRefusal(result)).as("cut at %d", cut).isEqualTo(RefusalCode.TRUNCATED_COMPRESSION);
            assertThat(result.refusals().get(0).message()).isEqualTo("gzip stream ends early");
        }
    }

    @Test
    void gzipWithWrongChecksumIsRefusedAsCorrupt() {
        byte[] gz = gzip(REPORT);
        gz[gz.length - 8] ^= 1;

        assertThat(onlyRefusal(decoder.decode(gz, null, null))).isEqualTo(RefusalCode.CORRUPT_COMPRESSION);
    }

    @Test
    void gzipWithDamagedDeflateDataIsRefusedAsCorrupt() {
        byte[] gz = gzip(REPORT);
        gz[10] = (byte) 0xff; // block type 3 does not exist

        assertThat(onlyRefusal(decoder.decode(gz, null, null))).isEqualTo(RefusalCode.CORRUPT_COMPRESSION);
    }

    @Test
    void gzipInsideGzipIsRefusedAsNestedArchive() {
        assertThat(onlyRefusal(decoder.decode(gzip(gzip(REPORT)), null, null))).isEqualTo(RefusalCode.NESTED_ARCHIVE);
    }

    @Test
    void zipInsideGzipIsRefusedAsNestedArchive() {
        assertThat(onlyRefusal(decoder.decode(gzip(zip("r.json", REPORT)), null, null)))
                .isEqualTo(RefusalCode.NESTED_ARCHIVE);
    }

    @Test
    void gzipOfSomethingOtherThanJsonIsRefused() {
        assertThat(onlyRefusal(decoder.decode(gzip(ascii("<html>not a report</html>")), null, null)))
                .isEqualTo(RefusalCode.NOT_JSON);
    }

    @Test
    void gzipExpandingPastTheSizeLimitIsRefused() {
        ReportDecoder small = new ReportDecoder(limits(1 << 20, 4096, 1000, 0, 100, 8, 32));
        byte[] big = concat(ascii("{\"x\":\""), new byte[10_000], ascii("\"}"));

        DecodeResult result = small.decode(gzip(big), null, null);

        assertThat(onlyRefusal(result)).isEqualTo(RefusalCode.DECOMPRESSED_TOO_LARGE);
        assertThat(result.refusals().get(0).code().isSizeLimit()).isTrue();
    }

    @Test
    void gzipExpandingMoreThanTheRatioIsRefusedOncePastTheGrace() {
        byte[] big = concat(ascii("{\"x\":\""), new byte[100_000], ascii("\"}"));

        assertThat(onlyRefusal(new ReportDecoder(limits(1 << 20, 1 << 20, 10, 1000, 100, 8, 32))
                .decode(gzip(big), null, null))).isEqualTo(RefusalCode.COMPRESSION_RATIO);
        assertThat(new ReportDecoder(limits(1 << 20, 1 << 20, 10, 200_000, 100, 8, 32))
                .decode(gzip(big), null, null).reports()).hasSize(1);
    }

    // base64

    @Test
    void base64TextOfAGzipIsDecodedWithAFinding() {
        String text = Base64.getMimeEncoder().encodeToString(gzip(REPORT)) + "\n";

        DecodeResult result = decoder.decode(ascii(text), "text/plain", "report.json.gz.b64");

        assertThat(result.refusals()).isEmpty();
        assertThat(json(result.reports().get(0))).isEqualTo(REPORT_JSON);
        assertThat(result.reports().get(0).findings()).extracting(f -> f.code())
                .containsExactly(FindingCode.BASE64_TEXT);
    }

    @Test
    void base64TextWithMisplacedPaddingIsRefusedAsCorrupt() {
        String text = Base64.getEncoder().encodeToString(gzip(REPORT));
        String broken = text.substring(0, 8) + "=" + text.substring(9);

        assertThat(onlyRefusal(decoder.decode(ascii(broken), null, null)))
                .isIn(RefusalCode.CORRUPT_COMPRESSION, RefusalCode.TRUNCATED_COMPRESSION);
    }

    // zip

    @Test
    void eachJsonEntryOfAZipIsAReportNamedAfterTheEntry() {
        byte[] archive = zip("google.com!example.net!1726358400!1726444799!001.json", REPORT,
                "dir/", new byte[0], "second.json", REPORT);

        DecodeResult result = decoder.decode(archive, "application/zip", "reports.zip");

        assertThat(result.refusals()).isEmpty();
        assertThat(result.reports()).extracting(DecodedReport::location)
                .containsExactly("zip:google.com!example.net!1726358400!1726444799!001.json", "zip:second.json");
        DecodedReport first = result.reports().get(0);
        assertThat(json(first)).isEqualTo(REPORT_JSON);
        assertThat(first.envelope().fileName()).isEqualTo("google.com!example.net!1726358400!1726444799!001.json");
        assertThat(first.envelope().reportFileName().policyDomain()).isEqualTo("example.net");
    }

    @Test
    void zipEntryThatIsAnArchiveIsRefusedWhileTheOtherEntriesAreRead() {
        byte[] archive = zip("inner.zip", zip("r.json", REPORT), "r.json.gz", gzip(REPORT), "ok.json", REPORT);

        DecodeResult result = decoder.decode(archive, null, null);

        assertThat(result.reports()).extracting(DecodedReport::location).containsExactly("zip:ok.json");
        assertThat(result.refusals()).extracting(Refusal::code, Refusal::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RefusalCode.NESTED_ARCHIVE, "zip:inner.zip"),
                org.assertj.core.groups.Tuple.tuple(RefusalCode.NESTED_ARCHIVE, "zip:r.json.gz"));
    }

    @Test
    void zipWithMoreEntriesThanAllowedIsRefused() {
        ReportDecoder strict = new ReportDecoder(limits(1 << 20, 1 << 20, 300, 1 << 20, 100, 8, 2));
        byte[] archive = zip("a.json", REPORT, "b.json", REPORT, "c.json", REPORT);

        DecodeResult result = strict.decode(archive, null, null);

        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.TOO_MANY_PARTS);
    }

    @Test
    void zipEntryExpandingPastTheSizeLimitIsRefused() {
        ReportDecoder small = new ReportDecoder(limits(1 << 20, 4096, 1000, 0, 100, 8, 32));
        byte[] big = concat(ascii("{\"x\":\""), new byte[10_000], ascii("\"}"));

        DecodeResult result = small.decode(zip("big.json", big), null, null);

        assertThat(result.reports()).isEmpty();
        assertThat(result.refusals()).extracting(Refusal::code, Refusal::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RefusalCode.DECOMPRESSED_TOO_LARGE, "zip:big.json"));
    }

    @Test
    void zipEntryThatIsNotJsonIsRefused() {
        DecodeResult result = decoder.decode(zip("readme.txt", ascii("hello")), null, null);

        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.NOT_JSON);
    }

    @Test
    void emptyZipIsRefused() {
        assertThat(onlyRefusal(decoder.decode(zip(), null, null))).isEqualTo(RefusalCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void zipCutShortGivesRefusalsNotExceptions() {
        byte[] archive = zip("a.json", REPORT, "b.json", REPORT);
        for (int cut = 4; cut < archive.length; cut += 7) {
            DecodeResult result = decoder.decode(Arrays.copyOf(archive, cut), null, null);

            assertThat(result.reports().size() + result.refusals().size()).as("cut at %d", cut).isPositive();
        }
    }

    // everything else

    @Test
    void inputLargerThanAllowedIsRefusedBeforeLookingAtIt() {
        ReportDecoder strict = new ReportDecoder(limits(100, 1 << 20, 300, 1 << 20, 100, 8, 32));

        DecodeResult result = strict.decode(REPORT, null, null);

        assertThat(onlyRefusal(result)).isEqualTo(RefusalCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void emptyOrMissingInputIsAnUnsupportedFormat() {
        assertThat(onlyRefusal(decoder.decode(new byte[0], null, null))).isEqualTo(RefusalCode.UNSUPPORTED_FORMAT);
        assertThat(onlyRefusal(decoder.decode(null, null, null))).isEqualTo(RefusalCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void anythingElseIsAnUnsupportedFormatWithAMessageForHumans() {
        for (String input : new String[] {"[1,2,3]", "%PDF-1.4", "   ", "<html></html>", "H4sI but not base64!"}) {
            DecodeResult result = decoder.decode(input.getBytes(StandardCharsets.UTF_8), null, null);

            assertThat(onlyRefusal(result)).as(input).isEqualTo(RefusalCode.UNSUPPORTED_FORMAT);
            assertThat(result.refusals().get(0).message()).isEqualTo("not JSON, gzip, zip or a mail message");
        }
    }

    // gzip building blocks

    /** A gzip header with the given flags; FEXTRA, FNAME, FCOMMENT filled, FHCRC right or wrong. */
    private static byte[] gzipHeader(int flags, boolean rightHeaderCrc) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
        if ((flags & 0x04) != 0) {
            header.writeBytes(new byte[] {4, 0, 'A', 'B', 2, 0});
        }
        if ((flags & 0x08) != 0) {
            header.writeBytes(ascii("rpt01.json.1\0"));
        }
        if ((flags & 0x10) != 0) {
            header.writeBytes(ascii("a comment\0"));
        }
        if ((flags & 0x02) != 0) {
            CRC32 crc = new CRC32();
            crc.update(header.toByteArray());
            int value = (int) crc.getValue() + (rightHeaderCrc ? 0 : 1);
            header.writeBytes(new byte[] {(byte) value, (byte) (value >>> 8)});
        }
        return header.toByteArray();
    }

    static byte[] deflateRaw(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] trailer(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return littleEndian((int) crc.getValue(), data.length);
    }

    static byte[] littleEndian(int... values) {
        byte[] out = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            for (int b = 0; b < 4; b++) {
                out[i * 4 + b] = (byte) (values[i] >>> (8 * b));
            }
        }
        return out;
    }
}
