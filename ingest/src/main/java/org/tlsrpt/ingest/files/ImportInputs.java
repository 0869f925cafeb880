package org.tlsrpt.ingest.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code tlsrpt import} reads: files (each one input, the reader sniffs JSON, gzip, zip or a mail message),
 * mbox files (each message one input), Maildir folders (each message in {@code cur/} and {@code new/} one input,
 * Maildir++ subfolders included, {@code tmp/} and the IMAP servers' index files left alone) and directories of
 * any of these, recursively. Hidden files are skipped. Found in a stable order, so that a second run goes the same
 * way.
 */
public final class ImportInputs {

    /** A file to read, with its size for progress. */
    public record Source(Path path, Kind kind, long size) {
    }

    public enum Kind {
        /** One report (JSON, gzip, zip) or one mail message. */
        FILE,
        /** Several mail messages. */
        MBOX,
        /** One mail message of a Maildir. */
        MAILDIR_MESSAGE
    }

    /** What to do with each input. */
    @FunctionalInterface
    public interface Sink {
        void accept(ImportItem item) throws IOException;
    }

    private ImportInputs() {
    }

    /** Every source under {@code paths}; a path that does not exist is an error before anything is read. */
    public static List<Source> find(List<Path> paths) throws IOException {
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString(), null, "no such file or directory");
            }
        }
        List<Source> sources = new ArrayList<>();
        for (Path path : paths) {
            collect(path, sources);
        }
        return sources;
    }

    /** Reads one source and hands each input in it to {@code sink}; inputs over {@code maxBytes} come without bytes. */
    public static void read(Source source, long maxBytes, Sink sink) throws IOException {
        Path path = source.path();
        switch (source.kind()) {
            case MBOX -> {
                try (MboxReader mbox = new MboxReader(path, maxBytes)) {
                    ImportItem item;
                    while ((item = mbox.next()) != null) {
                        sink.accept(item);
                    }
                }
            }
            case MAILDIR_MESSAGE -> sink.accept(new ImportItem(path.toString(), readBounded(path, maxBytes),
                    source.size(), ImportItem.MAIL, null, Map.of("path", path.toString())));
            case FILE -> sink.accept(new ImportItem(path.toString(), readBounded(path, maxBytes), source.size(),
                    null, path.getFileName().toString(), Map.of("path", path.toString())));
            default -> throw new IllegalStateException(source.kind().name());
        }
    }

    private static byte[] readBounded(Path path, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            return bytes.length > maxBytes ? null : bytes;
        }
    }

    private static void collect(Path path, List<Source> sources) throws IOException {
        if (Files.isDirectory(path)) {
            if (isMaildir(path)) {
                collectMaildir(path, sources);
                return;
            }
            for (Path child : children(path)) {
                if (!isHidden(child)) {
                    collect(child, sources);
                }
            }
        } else if (Files.isRegularFile(path)) {
            Kind kind = MboxReader.looksLikeMbox(path) ? Kind.MBOX : Kind.FILE;
            sources.add(new Source(path, kind, Files.size(path)));
        }
    }

    private static void collectMaildir(Path maildir, List<Source> sources) throws IOException {
        for (String folder : List.of("cur", "new")) {
            for (Path message : children(maildir.resolve(folder))) {
                if (Files.isRegularFile(message) && !isHidden(message)) {
                    sources.add(new Source(message, Kind.MAILDIR_MESSAGE, Files.size(message)));
                }
            }
        }
        // Maildir++ keeps subfolders as .Name directories, themselves Maildirs.
        for (Path child : children(maildir)) {
            if (Files.isDirectory(child) && isMaildir(child)) {
                collectMaildir(child, sources);
            }
        }
    }

    private static boolean isMaildir(Path dir) {
        return Files.isDirectory(dir.resolve("cur")) && Files.isDirectory(dir.resolve("new"));
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }
}
