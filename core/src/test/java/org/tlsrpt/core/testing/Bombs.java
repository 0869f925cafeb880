package org.tlsrpt.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Decompression bombs built cheaply, for every module's hostile-input tests: 1 MiB of zeros is deflated once,
 * ending on a byte boundary (FULL_FLUSH), and those bytes are repeated, so a gzip of 10 GiB of zeros costs about
 * 10 MB and a fraction of a second. CRC-32 and sizes are right, so only the decoder's limits can stop them.
 */
public final class Bombs {

    private static final int MIB = 1024 * 1024;

    /** The bombs start like a JSON object so that only the size and ratio bounds can stop them. */
    public static final byte[] JSON_START = "{\"organization-name\":\"".getBytes(StandardCharsets.US_ASCII);

    private static byte[] zerosMiB;
    private static byte[] jsonStart;

    private Bombs() {
    }

    /**
     * A gzip of {@code mebibytes} MiB of zeros (after {@link #JSON_START} when asked), with the right CRC-32 and
     * ISIZE: about 1 KB per MiB.
     */
    public static byte[] gzipOfZeros(int mebibytes, boolean looksLikeJson) {
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        byte[] body = deflatedZeros(mebibytes, looksLikeJson);
        CRC32 crc = crcOfZeros(mebibytes, looksLikeJson);
        long size = (long) mebibytes * MIB + (looksLikeJson ? JSON_START.length : 0);
        ByteBuffer bomb = ByteBuffer.allocate(header.length + body.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        bomb.put(header).put(body).putInt((int) crc.getValue()).putInt((int) size);
        return bomb.array();
    }

    /** Raw deflate data, final block included, of {@code mebibytes} MiB of zeros after the JSON start. */
    private static synchronized byte[] deflatedZeros(int mebibytes, boolean looksLikeJson) {
        if (zerosMiB == null) {
            zerosMiB = deflateFlushed(new byte[MIB]);
            jsonStart = deflateFlushed(JSON_START);
        }
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
    public static byte[] zipWithOneDeflatedEntry(String name, int mebibytes) {
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
