package org.tlsrpt.ingest.imap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every java.util.logging record, down to FINEST (where Jakarta Mail writes its protocol trace), as
 * formatted text including stack traces. System.Logger goes to java.util.logging by default.
 */
final class LogCapture implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Level previous = root.getLevel();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        for (Handler other : root.getHandlers()) {
            if (other != handler && other.getLevel().intValue() < Level.INFO.intValue()) {
                other.setLevel(Level.INFO);
            }
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String all() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(previous);
    }
}
