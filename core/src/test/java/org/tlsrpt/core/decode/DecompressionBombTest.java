package org.tlsrpt.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tlsrpt.core.decode.Samples.REPORT;
import static org.tlsrpt.core.decode.Samples.ascii;
import static org.tlsrpt.core.decode.Samples.zip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Hostile compressed input is refused before it costs more than the limits allow. Runs in its own surefire
 * execution with a 64 MB heap ({@code core/pom.xml}, execution {@code bombs}), so a bomb that were inflated
 * into memory would fail the build with an OutOfMemoryError, not pass by luck on a big heap.
 */
@Tag("bomb")
class DecompressionBombTest {

    private static final int MIB = 1024 * 1024;

    /** The bombs start like a JSON object so that only the size and ratio bounds can stop them. */
    private static final byte[] JSON_START = ascii("{\"organization-name\":\"");

    /** Raw deflate of 1 MiB of zeros, ending on a byte boundary (FULL_FLUSH), not final: it can be repeated. */
    private static byte[] zerosMiB;
    /** Raw deflate of {@link #JSON_START}, likewise. */
    private static byte[] jsonStart;
    private static byte[] gzipOf10GiB;

    @BeforeAll
    static void buildBombs() {
        zerosMiB = deflateFlushed(new byte[MIB]);
        jsonStart = deflateFlushed(JSON_START);
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

    /**
     * A gzip of {@code mebibytes} MiB of zeros (after {@link #JSON_START} when asked), with the right CRC-32 and
     * ISIZE: about 1 KB per MiB.
     */
    private static byte[] gzipOfZeros(int mebibytes, boolean looksLikeJson) {
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        byte[] body = deflatedZeros(mebibytes, looksLikeJson);
        CRC32 crc = crcOfZeros(mebibytes, looksLikeJson);
        long size = (long) mebibytes * MIB + (looksLikeJson ? JSON_START.length : 0);
        ByteBuffer bomb = ByteBuffer.allocate(header.length + body.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        bomb.put(header).put(body).putInt((int) crc.getValue()).putInt((int) size);
        return bomb.array();
    }

    /** Raw deflate data, final block included, of {@code mebibytes} MiB of zeros after the JSON start. */
    private static byte[] deflatedZeros(int mebibytes, boolean looksLikeJson) {
        byte[] finalEmptyStoredBlock = {1, 0, 0, (byte) 0xff, (byte) 0xff};
        int prefix = looksLikeJson ? jsonStart.length : 0;
        byte[] data = new byte[prefix + zerosMiB.length * mebibytes + finalEmptyStoredBlock.length];
        System.arraycopy(jsonStart, 0, data, 0, prefix);
        for (int i = 0; i < mebibytes; i++) {
            System.arraycopy(zerosMiB, 0, data, prefix + i * zerosMiB.length, zerosMiB.length);
        }
        System.arraycopy(finalEmptyStoredBlock, 0, data, data.length - 5, 5);
        return data;
    }

    private static byte[] deflateFlushed(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH)) > 0) {
            out.write(buf, 0, n);
            if (n < buf.length) {
                break;
            }
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A zip with one deflated entry of {@code mebibytes} MiB of zeros, sizes in the local header. */
    private static byte[] zipWithOneDeflatedEntry(String name, int mebibytes) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] data = deflatedZeros(mebibytes, true);
        int crc = (int) crcOfZeros(mebibytes, true).getValue();
        int size = (int) ((long) mebibytes * MIB + JSON_START.length);
        ByteBuffer zip = ByteBuffer.allocate(30 + nameBytes.length + data.length + 46 + nameBytes.length + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                .putInt(crc).putInt(data.length).putInt(size).putShort((short) nameBytes.length).putShort((short) 0)
                .put(nameBytes).put(data);
        int centralStart = zip.position();
        zip.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8)
                .putInt(0).putInt(crc).putInt(data.length).putInt(size).putShort((short) nameBytes.length)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                .put(nameBytes);
        int centralSize = zip.position() - centralStart;
        zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(centralSize).putInt(centralStart).putShort((short) 0);
        return Arrays.copyOf(zip.array(), zip.position());
    }

    private static CRC32 crcOfZeros(int mebibytes, boolean looksLikeJson) {
        CRC32 crc = new CRC32();
        if (looksLikeJson) {
            crc.update(JSON_START);
        }
        byte[] zeros = new byte[MIB];
        for (int i = 0; i < mebibytes; i++) {
            crc.update(zeros);
        }
        return crc;
    }
}
