package org.tlsrpt.core.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.parse.CanonicalJson;
import org.tlsrpt.core.parse.ParseOutcome;
import org.tlsrpt.core.parse.ReportParser;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * The bytes of a Kafka record value on {@code tlsrpt.reports} and {@code tlsrpt.quarantine}:
 *
 * <pre>
 * version (1 byte, = 1) | metadata length (int32) | metadata JSON | report length (int32) | canonical report JSON | raw bytes
 * </pre>
 *
 * The raw bytes go last and unencoded, so a 20 MiB mail costs 20 MiB on the topic, not 27 as base64 would.
 * The report is its canonical JSON, read back with the same parser as any report. Quarantine records have no report.
 */
public final class RecordCodec {

    private static final byte VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ReportParser CANONICAL = new ReportParser(Limits.DEFAULTS);

    private RecordCodec() {
    }

    /** A decoded record and where its report and raw bytes are in the value (no copy). */
    public record Decoded<T>(T record, byte[] value, int reportOffset, int reportLength, int rawOffset) {

        /**
         * The SHA-256 of the report's canonical JSON, as {@link CanonicalJson#contentSha256} computes it, from the bytes
         * the record carries: the ingest wrote them with {@link CanonicalJson}, whose form is a fixed point (written,
         * parsed and written again it is the same bytes), so they need not be written again.
         */
        public String contentSha256() {
            return Sha256.hex(value, reportOffset, reportLength);
        }

        public int rawLength() {
            return value.length - rawOffset;
        }

        public byte[] raw() {
            return java.util.Arrays.copyOfRange(value, rawOffset, value.length);
        }
    }

    public static byte[] encode(ReportRecord record, byte[] raw) {
        byte[] metadata = json(out -> {
            out.writeStringField("key", record.key());
            writeReceipt(out, record.receipt());
            out.writeFieldName("findings");
            CanonicalJson.writeFindings(record.findings(), out);
        });
        return frame(metadata, CanonicalJson.toBytes(record.report()), raw);
    }

    public static byte[] encode(QuarantineRecord record, byte[] raw) {
        byte[] metadata = json(out -> {
            out.writeObjectFieldStart("reason");
            out.writeStringField("code", record.reason().code().code());
            out.writeStringField("path", record.reason().path());
            out.writeStringField("message", record.reason().message());
            out.writeEndObject();
            writeReceipt(out, record.receipt());
        });
        return frame(metadata, new byte[0], raw);
    }

    public static Decoded<ReportRecord> decodeReport(byte[] value) {
        Frame frame = Frame.of(value);
        if (frame.reportLength == 0) {
            throw new MalformedRecordException("the record holds no report");
        }
        ParseOutcome outcome = CANONICAL.parse(value, frame.reportOffset, frame.reportLength, Envelope.NONE);
        if (!(outcome instanceof ParseOutcome.Parsed parsed)) {
            throw new MalformedRecordException("the record's report does not parse: "
                    + ((ParseOutcome.Refused) outcome).refusal().message());
        }
        TlsReport report = parsed.report();
        Map<String, Object> metadata = Metadata.read(value, frame.metadataOffset, frame.metadataLength);
        ReportRecord record = new ReportRecord(Metadata.string(metadata, "key"), report,
                Metadata.findings(metadata), Metadata.receipt(metadata));
        return new Decoded<>(record, value, frame.reportOffset, frame.reportLength, frame.rawOffset);
    }

    public static Decoded<QuarantineRecord> decodeQuarantine(byte[] value) {
        Frame frame = Frame.of(value);
        Map<String, Object> metadata = Metadata.read(value, frame.metadataOffset, frame.metadataLength);
        QuarantineRecord record = new QuarantineRecord(Metadata.refusal(metadata), Metadata.receipt(metadata));
        return new Decoded<>(record, value, frame.reportOffset, frame.reportLength, frame.rawOffset);
    }

    private static byte[] frame(byte[] metadata, byte[] report, byte[] raw) {
        ByteBuffer value = ByteBuffer.allocate(1 + 4 + metadata.length + 4 + report.length + raw.length);
        value.put(VERSION).putInt(metadata.length).put(metadata).putInt(report.length).put(report).put(raw);
        return value.array();
    }

    private record Frame(int metadataOffset, int metadataLength, int reportOffset, int reportLength, int rawOffset) {
        static Frame of(byte[] value) {
            if (value == null || value.length < 9 || value[0] != VERSION) {
                throw new MalformedRecordException("not a tlsrpt record of version " + VERSION);
            }
            ByteBuffer buffer = ByteBuffer.wrap(value);
            buffer.position(1);
            int metadataLength = buffer.getInt();
            if (metadataLength < 0 || metadataLength > value.length - 9) {
                throw new MalformedRecordException("metadata length " + metadataLength + " out of range");
            }
            buffer.position(5 + metadataLength);
            int reportLength = buffer.getInt();
            int reportOffset = 9 + metadataLength;
            if (reportLength < 0 || reportLength > value.length - reportOffset) {
                throw new MalformedRecordException("report length " + reportLength + " out of range");
            }
            return new Frame(5, metadataLength, reportOffset, reportLength, reportOffset + reportLength);
        }
    }

    private interface Writer {
        void write(JsonGenerator out) throws IOException;
    }

    private static byte[] json(Writer body) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            body.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeReceipt(JsonGenerator out, Receipt receipt) throws IOException {
        out.writeObjectFieldStart("receipt");
        out.writeStringField("channel", receipt.channel());
        out.writeStringField("received-at", receipt.receivedAt().toString());
        writeOptional(out, "origin", receipt.origin());
        out.writeObjectFieldStart("coordinates");
        for (Map.Entry<String, String> entry : receipt.coordinates().entrySet()) {
            out.writeStringField(entry.getKey(), entry.getValue());
        }
        out.writeEndObject();
        out.writeStringField("location", receipt.location());
        out.writeStringField("raw-sha256", receipt.rawSha256());
        writeOptional(out, "raw-media-type", receipt.rawMediaType());
        Envelope envelope = receipt.envelope();
        out.writeObjectFieldStart("envelope");
        writeOptional(out, "tls-report-domain", envelope.tlsReportDomain());
        writeOptional(out, "tls-report-submitter", envelope.tlsReportSubmitter());
        writeOptional(out, "subject-report-domain", envelope.subjectReportDomain());
        writeOptional(out, "subject-submitter", envelope.subjectSubmitter());
        writeOptional(out, "subject-report-id", envelope.subjectReportId());
        writeOptional(out, "file-name", envelope.fileName());
        writeOptional(out, "message-id", envelope.messageId());
        writeOptional(out, "from", envelope.from());
        writeOptional(out, "date", envelope.date() == null ? null : envelope.date().toString());
        out.writeBooleanField("dkim-signature-present", envelope.dkimSignaturePresent());
        out.writeEndObject();
        out.writeStringField("dkim", receipt.dkim());
        writeOptional(out, "dkim-domain", receipt.dkimDomain());
        out.writeBooleanField("dkim-aligned", receipt.dkimAligned());
        out.writeEndObject();
    }

    private static void writeOptional(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    /** Reads the small metadata object into maps and lists; only ever a few hundred bytes. */
    private static final class Metadata {

        static Map<String, Object> read(byte[] value, int offset, int length) {
            try (JsonParser parser = JSON.createParser(value, offset, length)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new MalformedRecordException("metadata is not a JSON object");
                }
                return object(parser);
            } catch (IOException e) {
                throw new MalformedRecordException("metadata is not valid JSON");
            }
        }

        private static Map<String, Object> object(JsonParser parser) throws IOException {
            Map<String, Object> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                map.put(name, value(parser, parser.nextToken()));
            }
            return map;
        }

        private static Object value(JsonParser parser, JsonToken token) throws IOException {
            switch (token) {
                case START_OBJECT:
                    return object(parser);
                case START_ARRAY:
                    List<Object> list = new ArrayList<>();
                    JsonToken next;
                    while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                        list.add(value(parser, next));
                    }
                    return list;
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return null;
                default:
                    return parser.getText();
            }
        }

        static String string(Map<String, Object> map, String name) {
            Object value = map.get(name);
            if (value != null && !(value instanceof String)) {
                throw new MalformedRecordException(name + " is not a string");
            }
            return (String) value;
        }

        static String required(Map<String, Object> map, String name) {
            String value = string(map, name);
            if (value == null) {
                throw new MalformedRecordException(name + " is missing");
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Map<String, Object> map, String name) {
            Object value = map.get(name);
            if (!(value instanceof Map)) {
                throw new MalformedRecordException(name + " is missing or not an object");
            }
            return (Map<String, Object>) value;
        }

        static List<Finding> findings(Map<String, Object> metadata) {
            Object value = metadata.get("findings");
            List<Finding> findings = new ArrayList<>();
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (!(item instanceof Map<?, ?>)) {
                        throw new MalformedRecordException("a finding is not an object");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> finding = (Map<String, Object>) item;
                    String code = required(finding, "code");
                    FindingCode findingCode = FindingCode.fromCode(code)
                            .orElseThrow(() -> new MalformedRecordException("unknown finding code " + code));
                    findings.add(new Finding(findingCode, required(finding, "path"), required(finding, "message")));
                }
            }
            return findings;
        }

        static Refusal refusal(Map<String, Object> metadata) {
            Map<String, Object> reason = object(metadata, "reason");
            String code = required(reason, "code");
            RefusalCode refusalCode = RefusalCode.fromCode(code)
                    .orElseThrow(() -> new MalformedRecordException("unknown refusal code " + code));
            return new Refusal(refusalCode, required(reason, "path"), required(reason, "message"));
        }

        static Receipt receipt(Map<String, Object> metadata) {
            Map<String, Object> receipt = object(metadata, "receipt");
            Map<String, String> coordinates = new LinkedHashMap<>();
            object(receipt, "coordinates").forEach((name, value) -> coordinates.put(name, String.valueOf(value)));
            Map<String, Object> envelope = object(receipt, "envelope");
            Envelope decoded = new Envelope(string(envelope, "tls-report-domain"),
                    string(envelope, "tls-report-submitter"), string(envelope, "subject-report-domain"),
                    string(envelope, "subject-submitter"), string(envelope, "subject-report-id"), null, null,
                    string(envelope, "message-id"), string(envelope, "from"), instant(string(envelope, "date")),
                    Boolean.TRUE.equals(envelope.get("dkim-signature-present")));
            String fileName = string(envelope, "file-name");
            if (fileName != null) {
                decoded = decoded.withFileName(fileName);
            }
            return new Receipt(required(receipt, "channel"), instant(required(receipt, "received-at")),
                    string(receipt, "origin"), coordinates, required(receipt, "location"),
                    required(receipt, "raw-sha256"), string(receipt, "raw-media-type"), decoded,
                    required(receipt, "dkim"), string(receipt, "dkim-domain"),
                    Boolean.TRUE.equals(receipt.get("dkim-aligned")));
        }

        private static Instant instant(String text) {
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new MalformedRecordException("not an instant: " + text);
            }
        }
    }
}
