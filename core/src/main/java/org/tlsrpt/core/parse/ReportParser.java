package org.tlsrpt.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.Objects;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Reads RFC 8460 JSON into a normalised {@link org.tlsrpt.core.model.TlsReport}: tolerant of the quirks real
 * senders have (each recorded as a finding), honest about what cannot be counted (a refusal). Streams with
 * Jackson's parser; never builds a tree of the whole document. Thread-safe.
 */
public final class ReportParser {

    /** Longest JSON number accepted; far beyond any count, short enough to never be costly. */
    static final int MAX_NUMBER_LENGTH = 100;

    private final Limits limits;
    private final JsonFactory factory;

    public ReportParser(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxStringLength(limits.maxJsonStringLength())
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
    }

    /**
     * Parses {@code json[offset..offset+length)}. Never throws for any bytes: what cannot be counted is a
     * {@link ParseOutcome.Refused}.
     *
     * @param envelope what the transport said; used where the body is silent (a missing policy-domain); may be null
     */
    public ParseOutcome parse(byte[] json, int offset, int length, Envelope envelope) {
        Objects.checkFromIndexSize(offset, length, json.length);
        int invalidUtf8 = Utf8.firstInvalid(json, offset, length);
        if (invalidUtf8 >= 0) {
            return new ParseOutcome.Refused(new Refusal(RefusalCode.INVALID_UTF8, "$",
                    "not valid UTF-8" + at(json, offset, invalidUtf8)));
        }
        JsonParser parser = null;
        try {
            parser = factory.createParser(json, offset, length);
            ReportTokenReader reader = new ReportTokenReader(parser, factory, limits, EnvelopeCheck.of(envelope),
                    EnvelopeCheck.domainHint(envelope));
            TlsReport report = reader.readDocument();
            return new ParseOutcome.Parsed(report, reader.findings());
        } catch (RefusalException e) {
            return new ParseOutcome.Refused(e.refusal());
        } catch (StreamConstraintsException e) {
            return refused(parser, constraintCode(e), constraintMessage(e));
        } catch (JsonEOFException e) {
            return refused(parser, RefusalCode.NOT_JSON, "JSON ends early" + at(e.getLocation()));
        } catch (JsonParseException e) {
            String original = String.valueOf(e.getOriginalMessage());
            if (original.startsWith("Unexpected end-of-input")) {
                // Jackson reports some truncations as a plain parse error rather than a JsonEOFException.
                return refused(parser, RefusalCode.NOT_JSON, "JSON ends early" + at(e.getLocation()));
            }
            if (original.startsWith("Invalid UTF-8") || original.startsWith("Invalid UTF-32")) {
                return refused(parser, RefusalCode.INVALID_UTF8, "not valid UTF-8" + at(e.getLocation()));
            }
            return refused(parser, RefusalCode.NOT_JSON, "not valid JSON" + at(e.getLocation()) + ": " + shorten(original));
        } catch (JsonProcessingException e) {
            return refused(parser, RefusalCode.NOT_JSON, "not valid JSON" + at(e.getLocation()) + ": "
                    + shorten(String.valueOf(e.getOriginalMessage())));
        } catch (IOException e) {
            return refused(parser, RefusalCode.NOT_JSON, "cannot be read as JSON: " + shorten(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            // A safety net: no input may escape as an exception. Reaching it is a bug worth a test case.
            return refused(parser, RefusalCode.NOT_JSON, "cannot be read as a report (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException | RuntimeException ignored) {
                    // closing an in-memory parser releases buffers; nothing to report
                }
            }
        }
    }

    /** Parses a whole array; see {@link #parse(byte[], int, int, Envelope)}. */
    public ParseOutcome parse(byte[] json, Envelope envelope) {
        return parse(json, 0, json.length, envelope);
    }

    private static ParseOutcome refused(JsonParser parser, RefusalCode code, String message) {
        String path;
        try {
            path = parser == null ? "$" : JsonPaths.of(parser.getParsingContext());
        } catch (RuntimeException e) {
            path = "$";
        }
        return new ParseOutcome.Refused(new Refusal(code, path, message));
    }

    private static RefusalCode constraintCode(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return message.contains("nesting depth") ? RefusalCode.NESTING_TOO_DEEP : RefusalCode.VALUE_TOO_LONG;
    }

    private String constraintMessage(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "JSON nested deeper than " + limits.maxJsonDepth() + " levels";
        }
        if (message.startsWith("Number")) {
            return "a JSON number longer than " + MAX_NUMBER_LENGTH + " characters";
        }
        if (message.startsWith("String")) {
            return "a JSON string longer than " + limits.maxJsonStringLength() + " characters";
        }
        return "a JSON value longer than allowed";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Where a byte is, as a line and a (byte) column, both counted from 1. */
    private static String at(byte[] json, int offset, int index) {
        int line = 1;
        int lineStart = offset;
        for (int i = offset; i < index; i++) {
            if (json[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " at line " + line + ", column " + (index - lineStart + 1);
    }

    private static String shorten(String message) {
        int newline = message.indexOf('\n');
        String line = newline >= 0 ? message.substring(0, newline) : message;
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
