package org.tlsrpt.app.cli;

import java.io.PrintStream;
import java.util.Locale;

/** One line on a terminal, redrawn at most ten times a second: how much of the input has been read. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final long totalBytes;
    private long lastDrawn = Long.MIN_VALUE;

    ProgressBar(PrintStream err, long totalBytes) {
        this.err = err;
        this.totalBytes = Math.max(1, totalBytes);
    }

    void update(long doneBytes, int inputs, boolean force) {
        long now = System.nanoTime();
        if (!force && lastDrawn != Long.MIN_VALUE && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        double fraction = Math.min(1.0, (double) doneBytes / totalBytes);
        int filled = (int) Math.round(fraction * WIDTH);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%% %s of %s, %d input(s)", Math.round(fraction * 100),
                        size(doneBytes), size(totalBytes), inputs));
        err.flush();
    }

    void finish() {
        err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        err.flush();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
