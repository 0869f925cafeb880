package org.tlsrpt.ingest.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Collects a message's bytes and gives up, with {@link TooLarge}, as soon as they pass a limit. */
final class BoundedBytes extends OutputStream {

    /** Thrown through the writer when the limit is passed; nothing beyond the limit is kept. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("message larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);

    BoundedBytes(long limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        check(1);
        bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check(len);
        bytes.write(b, off, len);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void check(int more) throws TooLarge {
        if ((long) bytes.size() + more > limit) {
            throw new TooLarge(limit);
        }
    }
}
