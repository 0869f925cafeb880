package org.tlsrpt.core.decode;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Inflates a gzip stream (RFC 1952, concatenated members allowed) held in a byte array, enforcing the size and
 * ratio limits and the input's budget while inflating, and checks that what comes out looks like a JSON object.
 * Reads the member header itself and drives a raw {@link Inflater} (one per thread) so that no stream layer
 * copies the data and output can be stopped at the first byte over a limit.
 */
final class BoundedGzip {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;
    /** Most bytes inflated between two limit checks. */
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_STALLS = 3;

    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private BoundedGzip() {
    }

    /** The JSON inside; the caller has seen the gzip magic at {@code in[0]}. */
    static BoundedOutput inflate(byte[] in, int len, Limits limits, InputBudget budget) throws Refused {
        BoundedOutput out = new BoundedOutput(limits, budget, sizeHint(in, len, limits));
        Inflater inflater = INFLATER.get();
        CRC32 crc = new CRC32();
        FormatSniffer.Content content = FormatSniffer.Content.UNDECIDED;
        int pos = 0;
        try {
            while (true) {
                pos = skipHeader(in, pos, len);
                inflater.reset();
                inflater.setInput(in, pos, len - pos);
                int memberStart = out.length();
                int stalls = 0;
                while (!inflater.finished()) {
                    int space = out.ensureSpace();
                    int n = inflater.inflate(out.buffer(), out.length(), Math.min(space, CHUNK));
                    out.advance(n, pos + inflater.getBytesRead());
                    if (content == FormatSniffer.Content.UNDECIDED) {
                        content = checkContent(out, false);
                    }
                    if (n == 0 && !inflater.finished()) {
                        if (inflater.needsInput()) {
                            throw truncated();
                        }
                        if (inflater.needsDictionary() || ++stalls > MAX_STALLS) {
                            throw corrupt("the gzip stream is damaged");
                        }
                    }
                }
                pos = len - inflater.getRemaining();
                pos = checkTrailer(in, pos, len, crc, out.buffer(), memberStart, out.length() - memberStart);
                if (!FormatSniffer.isGzip(in, pos, len - pos)) {
                    checkTrailingBytes(in, pos, len);
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw corrupt("the gzip stream is damaged: " + e.getMessage());
        } finally {
            inflater.reset();
        }
        if (content == FormatSniffer.Content.UNDECIDED) {
            checkContent(out, true);
        }
        return out;
    }

    /** Refuses nested archives and non-JSON as soon as the first bytes tell. */
    private static FormatSniffer.Content checkContent(BoundedOutput out, boolean complete) throws Refused {
        FormatSniffer.Content content = FormatSniffer.sniffContent(out.buffer(), out.length(), complete);
        switch (content) {
            case GZIP:
                throw new Refused(RefusalCode.NESTED_ARCHIVE, "a gzip inside a gzip");
            case ZIP:
                throw new Refused(RefusalCode.NESTED_ARCHIVE, "a zip archive inside a gzip");
            case OTHER:
                throw new Refused(RefusalCode.NOT_JSON, "the gzip holds no JSON object");
            default:
                return content;
        }
    }

    /**
     * The ISIZE of the last member, when believable under the limits: for the usual single-member stream the
     * buffer is then allocated once at its final size.
     */
    private static long sizeHint(byte[] in, int len, Limits limits) {
        if (len < 18) {
            return 0;
        }
        long isize = readIntLe(in, len - 4) & 0xffffffffL;
        long believable = Math.min(limits.maxDecompressedBytes(),
                limits.ratioGraceBytes() + (long) limits.maxCompressionRatio() * len);
        return isize <= believable ? isize + 1 : 0;
    }

    /** Returns the position of the deflate data after a member header at {@code pos}. */
    private static int skipHeader(byte[] in, int start, int len) throws Refused {
        if (len - start < 10) {
            throw truncated();
        }
        if (!FormatSniffer.isGzip(in, start, len - start)) {
            throw corrupt("not a gzip member header");
        }
        if (in[start + 2] != 8) {
            throw corrupt("unknown gzip compression method " + (in[start + 2] & 0xff));
        }
        int flags = in[start + 3] & 0xff;
        if ((flags & RESERVED) != 0) {
            throw corrupt("reserved gzip header flags are set");
        }
        int pos = start + 10;
        if ((flags & FEXTRA) != 0) {
            if (len - pos < 2) {
                throw truncated();
            }
            int xlen = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
            pos += 2 + xlen;
        }
        if ((flags & FNAME) != 0) {
            pos = skipZeroTerminated(in, pos, len);
        }
        if ((flags & FCOMMENT) != 0) {
            pos = skipZeroTerminated(in, pos, len);
        }
        if ((flags & FHCRC) != 0) {
            if (len - pos < 2) {
                throw truncated();
            }
            CRC32 headerCrc = new CRC32();
            headerCrc.update(in, start, pos - start);
            int expected = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
            if (((int) headerCrc.getValue() & 0xffff) != expected) {
                throw corrupt("the gzip header checksum does not match");
            }
            pos += 2;
        }
        if (pos >= len) {
            throw truncated();
        }
        return pos;
    }

    private static int skipZeroTerminated(byte[] in, int pos, int len) throws Refused {
        int i = pos;
        while (i < len && in[i] != 0) {
            i++;
        }
        if (i >= len) {
            throw truncated();
        }
        return i + 1;
    }

    private static int checkTrailer(byte[] in, int pos, int len, CRC32 crc, byte[] out, int off, int count)
            throws Refused {
        if (len - pos < 8) {
            throw truncated();
        }
        crc.reset();
        crc.update(out, off, count);
        if (readIntLe(in, pos) != (int) crc.getValue()) {
            throw corrupt("the gzip checksum (CRC-32) does not match the data");
        }
        if (readIntLe(in, pos + 4) != count) {
            throw corrupt("the gzip length field does not match the data");
        }
        return pos + 8;
    }

    /** Zero padding after the last member is tolerated (tape and block devices leave it); anything else is not. */
    private static void checkTrailingBytes(byte[] in, int pos, int len) throws Refused {
        for (int i = pos; i < len; i++) {
            if (in[i] != 0) {
                throw corrupt("bytes after the end of the gzip stream");
            }
        }
    }

    private static int readIntLe(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static Refused truncated() {
        return new Refused(RefusalCode.TRUNCATED_COMPRESSION, "gzip stream ends early");
    }

    private static Refused corrupt(String message) {
        return new Refused(RefusalCode.CORRUPT_COMPRESSION, message);
    }
}
