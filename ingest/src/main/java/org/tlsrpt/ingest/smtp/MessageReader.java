package org.tlsrpt.ingest.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a message's DATA with a size cap. Keeps at most {@code limit} bytes in memory; past that it reads on and
 * discards, so that the client's end of data can still be answered with 552, but only for another
 * {@code drainBudget} bytes: a client that sends more than that is not worth reading and the caller drops it.
 */
final class MessageReader {

    /** What was read: the message, or the fact that it was too large (and whether its end was reached). */
    sealed interface Outcome {
    }

    record Complete(byte[] bytes) implements Outcome {
    }

    record TooLarge(long bytesSeen, boolean endReached) implements Outcome {
    }

    private final int limit;
    private final long drainBudget;

    MessageReader(int limit, long drainBudget) {
        this.limit = limit;
        this.drainBudget = drainBudget;
    }

    Outcome read(InputStream data) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        long seen = 0;
        int n;
        while ((n = data.read(buffer)) != -1) {
            seen += n;
            if (seen > limit) {
                return drain(data, buffer, seen);
            }
            kept.write(buffer, 0, n);
        }
        return new Complete(kept.toByteArray());
    }

    private TooLarge drain(InputStream data, byte[] buffer, long seen) throws IOException {
        long stopAt = seen + drainBudget;
        int n;
        while (seen < stopAt) {
            n = data.read(buffer, 0, (int) Math.min(buffer.length, stopAt - seen));
            if (n == -1) {
                return new TooLarge(seen, true);
            }
            seen += n;
        }
        return new TooLarge(seen, false);
    }
}
