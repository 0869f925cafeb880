package org.tlsrpt.app.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.parse.CanonicalJson;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tlsrpt parse FILE...}: one JSON line per report found,
 * {@code {"source", "report", "key", "findings"}}, or {@code {"source", "error": {"code", "message"}}} for
 * whatever could not be read. Nothing else goes to stdout. Exit status 1 when any error line was printed.
 */
@Command(name = "parse",
        description = {"Print each file's reports as canonical JSON lines, or an error line naming the file and the "
                + "reason. Nothing else goes to stdout.",
                "Exit status 0 when every file gave reports, 1 when any gave an error line."})
public final class ParseCommand implements Callable<Integer> {

    private static final JsonFactory JSON = new JsonFactory();

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "A report: JSON, gzip, zip or a mail (eml); - reads standard input.")
    List<String> files;

    private final Limits limits;
    private final ReportReader reader;
    private final Streams streams;

    public ParseCommand(Limits limits) {
        this(limits, null);
    }

    ParseCommand(Streams streams) {
        this(Limits.DEFAULTS, streams);
    }

    private ParseCommand(Limits limits, Streams streams) {
        this.limits = limits;
        this.reader = new ReportReader(limits);
        this.streams = streams;
    }

    @Override
    public Integer call() {
        return run(files, streams.in(), streams.out(), streams.err());
    }

    public int run(List<String> files, InputStream stdin, OutputStream out, PrintStream err) {
        if (files.isEmpty()) {
            err.println("usage: tlsrpt parse FILE...   (- reads standard input)");
            return 2;
        }
        boolean failed = false;
        try {
            for (String file : files) {
                failed |= !parseOne(file, stdin, out);
                out.flush();
            }
        } catch (IOException e) {
            err.println("tlsrpt parse: cannot write output: " + e.getMessage());
            return 1;
        }
        return failed ? 1 : 0;
    }

    /** @return true when the file gave no error line */
    private boolean parseOne(String file, InputStream stdin, OutputStream out) throws IOException {
        byte[] bytes;
        try {
            bytes = "-".equals(file) ? readBounded(stdin) : readBounded(Path.of(file));
        } catch (NoSuchFileException e) {
            writeError(out, file, "no-such-file", "no such file");
            return false;
        } catch (TooLarge e) {
            writeError(out, file, RefusalCode.MESSAGE_TOO_LARGE.code(),
                    "larger than " + limits.maxMessageBytes() + " bytes");
            return false;
        } catch (IOException | UncheckedIOException e) {
            writeError(out, file, "unreadable", "cannot read: " + e.getMessage());
            return false;
        }
        ReadResult result = reader.read(bytes, null, "-".equals(file) ? null : file);
        for (ReadReport report : result.reports()) {
            writeReport(out, file, report);
        }
        for (Refusal refusal : result.refusals()) {
            String where = "$".equals(refusal.path()) ? "" : " (at " + refusal.path() + ")";
            writeError(out, file, refusal.code().code(), refusal.message() + where);
        }
        return result.refusals().isEmpty() && !result.reports().isEmpty();
    }

    private static void writeReport(OutputStream out, String source, ReadReport read) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("source", source);
            json.writeFieldName("report");
            CanonicalJson.write(read.report(), json);
            json.writeStringField("key", read.key().value());
            json.writeFieldName("findings");
            CanonicalJson.writeFindings(read.findings(), json);
            json.writeEndObject();
        }
        out.write('\n');
    }

    private static void writeError(OutputStream out, String source, String code, String message) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("source", source);
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
            json.writeEndObject();
        }
        out.write('\n');
    }

    private byte[] readBounded(Path path) throws IOException {
        if (Files.isRegularFile(path) && Files.size(path) > limits.maxMessageBytes()) {
            throw new TooLarge();
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readBounded(in);
        }
    }

    /** Reads at most the message limit, so a huge stdin cannot exhaust the heap. */
    private byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxMessageBytes() + 1));
        if (bytes.length > limits.maxMessageBytes()) {
            throw new TooLarge();
        }
        return bytes;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("input too large");
        }
    }
}
