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

    /**
     * A zip of {@code entries} entries, each {@code mebibytes} MiB of text after {@link #JSON_START} that deflates
     * about 200 times: under the per-entry size limit and the ratio limit (300), each entry alone passes, and only
     * a budget over all of them stops the whole. The entries share one deflated body, built once.
     */
    public static byte[] zipOfCompressibleEntries(int entries, int mebibytes) {
        Deflated text = compressibleDeflated(mebibytes);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (int i = 0; i < entries; i++) {
            byte[] name = ("part-" + i + ".json").getBytes(StandardCharsets.UTF_8);
            int offset = zip.size();
            ByteBuffer local = ByteBuffer.allocate(30 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                    .putInt(text.crc).putInt(text.data.length).putInt(text.size).putShort((short) name.length)
                    .putShort((short) 0).put(name);
            zip.writeBytes(local.array());
            zip.writeBytes(text.data);
            ByteBuffer entry = ByteBuffer.allocate(46 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            entry.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
                    .putShort((short) 8).putInt(0).putInt(text.crc).putInt(text.data.length).putInt(text.size)
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(offset).put(name);
            central.writeBytes(entry.array());
        }
        int centralStart = zip.size();
        zip.writeBytes(central.toByteArray());
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                .putShort((short) entries).putInt(central.size()).putInt(centralStart).putShort((short) 0);
        zip.writeBytes(end.array());
        return zip.toByteArray();
    }

    /** A gzip of the same text as one entry of {@link #zipOfCompressibleEntries}: passes the per-report limits. */
    public static byte[] gzipOfCompressibleText(int mebibytes) {
        Deflated text = compressibleDeflated(mebibytes);
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        ByteBuffer gzip = ByteBuffer.allocate(header.length + text.data.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        gzip.put(header).put(text.data).putInt(text.crc).putInt(text.size);
        return gzip.array();
    }

    private record Deflated(byte[] data, int crc, int size) {
    }

    /**
     * {@link #JSON_START}, then {@code mebibytes} MiB of a fixed random 512-byte block of letters and digits over
     * and over: deflates about 200 times, under the ratio limit of 300 (zeros deflate 1000 times).
     */
    public static byte[] compressibleText(int mebibytes) {
        byte[] chunk = compressibleChunk();
        byte[] text = Arrays.copyOf(JSON_START, JSON_START.length + mebibytes * MIB);
        for (int i = 0; i < mebibytes; i++) {
            System.arraycopy(chunk, 0, text, JSON_START.length + i * MIB, MIB);
        }
        return text;
    }

    /** The same as {@link #compressibleText}, deflated chunk by chunk without holding it whole. */
    private static Deflated compressibleDeflated(int mebibytes) {
        byte[] chunk = compressibleChunk();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        CRC32 crc = new CRC32();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        for (int i = -1; i < mebibytes; i++) {
            byte[] input = i < 0 ? JSON_START : chunk;
            crc.update(input);
            deflater.setInput(input);
            while (!deflater.needsInput()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return new Deflated(out.toByteArray(), (int) crc.getValue(), mebibytes * MIB + JSON_START.length);
    }

    private static byte[] compressibleChunk() {
        byte[] block = new byte[512];
        java.util.Random random = new java.util.Random(8460);
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < block.length; i++) {
            block[i] = alphabet[random.nextInt(alphabet.length)];
        }
        byte[] chunk = new byte[MIB];
        for (int i = 0; i < chunk.length; i += block.length) {
            System.arraycopy(block, 0, chunk, i, block.length);
        }
        return chunk;
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
