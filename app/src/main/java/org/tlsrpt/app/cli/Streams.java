package org.tlsrpt.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command reads and writes: the process's standard streams, or a test's buffers. {@code terminal} says
 * whether a person watches (stdin, stdout and stderr are all terminals): only then may a command draw progress,
 * so that scripts and tests see exactly the lines the command prints.
 */
public record Streams(InputStream in, PrintStream out, PrintStream err, boolean terminal) {

    /** The process's own streams. */
    public static Streams system() {
        return new Streams(System.in, System.out, System.err, System.console() != null && stderrIsTerminal());
    }

    /** Buffers or pipes: nobody watches, so nothing is drawn. */
    public static Streams of(InputStream in, PrintStream out, PrintStream err) {
        return new Streams(in, out, err, false);
    }

    /**
     * Java 17 can tell only whether stdin and stdout are terminals ({@code System.console()}); stderr, where the
     * progress goes, is a terminal when its descriptor links to one (Linux; elsewhere assume it follows stdout).
     */
    private static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (!Files.exists(fd)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
