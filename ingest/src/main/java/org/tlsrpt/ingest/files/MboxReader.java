package org.tlsrpt.ingest.files;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The messages of an mbox file, one at a time, without loading the file. A message starts at a line beginning
 * {@code From } at the start of the file or after an empty line (mboxo/mboxrd); mboxrd's quoting ({@code >From},
 * {@code >>From}) loses one {@code >}. A message over {@code maxBytes} is skipped and reported with its size only.
 */
public final class MboxReader implements Closeable {

    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final InputStream in;
    private final long maxBytes;
    private byte[] pending;
    private int number;
    /** Bytes of the last line read that were not kept because the line alone is over the limit. */
    private long dropped;

    public MboxReader(Path path, long maxBytes) throws IOException {
        this.path = path;
        this.in = new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        this.maxBytes = maxBytes;
        this.pending = readLine();
        while (pending != null && !startsWith(pending, FROM)) {
            pending = readLine(); // anything before the first separator is not a message
        }
    }

    /** Whether the file starts like an mbox ({@code From } in its first bytes). */
    public static boolean looksLikeMbox(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(FROM.length);
            return java.util.Arrays.equals(head, FROM);
        }
    }

    /** The next message, or null at the end; its bytes exclude the {@code From } separator line. */
    public ImportItem next() throws IOException {
        if (pending == null) {
            return null;
        }
        number++;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        long size = 0;
        boolean previousEmpty = false;
        byte[] line;
        while ((line = readLine()) != null) {
            if (previousEmpty && startsWith(line, FROM)) {
                break;
            }
            previousEmpty = isEmpty(line);
            byte[] content = unquote(line);
            size += content.length + dropped;
            if (size <= maxBytes) {
                message.write(content);
            }
        }
        pending = line;
        String name = path + "#" + number;
        Map<String, String> coordinates = Map.of("path", path.toString(), "mbox-message", Integer.toString(number));
        return new ImportItem(name, size > maxBytes ? null : message.toByteArray(), size, ImportItem.MAIL, null,
                coordinates);
    }

    private static byte[] unquote(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        if (i > 0 && line.length - i >= FROM.length && startsWith(java.util.Arrays.copyOfRange(line, i, i + 5), FROM)) {
            return java.util.Arrays.copyOfRange(line, 1, line.length);
        }
        return line;
    }

    private static boolean isEmpty(byte[] line) {
        return line.length == 0 || (line.length == 1 && line[0] == '\n')
                || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        if (line.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * One line with its line ending, or null at the end of the file. At most {@code maxBytes + 1} bytes of it are
     * kept (the rest only counted in {@link #dropped}), so a file without line breaks cannot fill the heap.
     */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        dropped = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (line.size() <= maxBytes) {
                line.write(b);
            } else {
                dropped++;
            }
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 && b == -1 ? null : line.toByteArray();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
