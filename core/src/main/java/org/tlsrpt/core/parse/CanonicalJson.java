package org.tlsrpt.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.Policy;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.model.Summary;
import org.tlsrpt.core.model.TlsReport;

/**
 * The canonical JSON form of a report: RFC 8460 field names in RFC order, date-times in UTC with {@code Z},
 * {@code mx-host} and {@code policy-string} always arrays, counts as integers, absent optional fields left out.
 * Types are written as reported, so unregistered ones survive. {@link ReportParser} reads it back to an equal
 * report.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {
    }

    /** The canonical form as UTF-8 bytes. */
    public static byte[] toBytes(TlsReport report) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        byte[] result = bytes.toByteArray();
        bytes.release();
        return result;
    }

    /** Writes the canonical form as one JSON object; does not flush or close {@code out}. */
    public static void write(TlsReport report, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("organization-name", report.organizationName());
        out.writeFieldName("date-range");
        out.writeStartObject();
        out.writeStringField("start-datetime", DateTimes.format(report.dateRange().start()));
        out.writeStringField("end-datetime", DateTimes.format(report.dateRange().end()));
        out.writeEndObject();
        writeOptional(out, "contact-info", report.contactInfo());
        out.writeStringField("report-id", report.reportId());
        out.writeArrayFieldStart("policies");
        for (PolicyResult result : report.policies()) {
            writePolicyResult(result, out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writePolicyResult(PolicyResult result, JsonGenerator out) throws IOException {
        out.writeStartObject();
        Policy policy = result.policy();
        out.writeObjectFieldStart("policy");
        out.writeStringField("policy-type", policy.policyTypeName());
        writeArray(out, "policy-string", policy.policyString());
        writeOptional(out, "policy-domain", policy.policyDomain());
        writeArray(out, "mx-host", policy.mxHost());
        out.writeEndObject();
        Summary summary = result.summary();
        out.writeObjectFieldStart("summary");
        out.writeNumberField("total-successful-session-count", summary.totalSuccessfulSessionCount());
        out.writeNumberField("total-failure-session-count", summary.totalFailureSessionCount());
        out.writeEndObject();
        out.writeArrayFieldStart("failure-details");
        for (FailureDetail detail : result.failureDetails()) {
            writeFailureDetail(detail, out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeFailureDetail(FailureDetail detail, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("result-type", detail.resultTypeName());
        writeOptional(out, "sending-mta-ip", detail.sendingMtaIp());
        writeOptional(out, "receiving-mx-hostname", detail.receivingMxHostname());
        writeOptional(out, "receiving-mx-helo", detail.receivingMxHelo());
        writeOptional(out, "receiving-ip", detail.receivingIp());
        out.writeNumberField("failed-session-count", detail.failedSessionCount());
        writeOptional(out, "additional-information", detail.additionalInformation());
        writeOptional(out, "failure-reason-code", detail.failureReasonCode());
        out.writeEndObject();
    }

    private static void writeArray(JsonGenerator out, String name, List<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private static void writeOptional(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }
}
