package org.tlsrpt.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.Policy;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.model.Summary;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Finding;

/**
 * The canonical JSON form of a report: RFC 8460 field names in RFC order, date-times in UTC with {@code Z},
 * {@code mx-host} and {@code policy-string} always arrays, counts as integers, absent optional fields left out.
 * Types are written as reported, so unregistered ones survive. {@link ReportParser} reads it back to an equal
 * report.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    // Field names pre-encoded once: writing them is then a byte copy.
    private static final SerializedString ADDITIONAL_INFORMATION = new SerializedString("additional-information");
    private static final SerializedString CONTACT_INFO = new SerializedString("contact-info");
    private static final SerializedString DATE_RANGE = new SerializedString("date-range");
    private static final SerializedString END_DATETIME = new SerializedString("end-datetime");
    private static final SerializedString FAILED_SESSION_COUNT = new SerializedString("failed-session-count");
    private static final SerializedString FAILURE_DETAILS = new SerializedString("failure-details");
    private static final SerializedString FAILURE_REASON_CODE = new SerializedString("failure-reason-code");
    private static final SerializedString MX_HOST = new SerializedString("mx-host");
    private static final SerializedString ORGANIZATION_NAME = new SerializedString("organization-name");
    private static final SerializedString POLICIES = new SerializedString("policies");
    private static final SerializedString POLICY = new SerializedString("policy");
    private static final SerializedString POLICY_DOMAIN = new SerializedString("policy-domain");
    private static final SerializedString POLICY_STRING = new SerializedString("policy-string");
    private static final SerializedString POLICY_TYPE = new SerializedString("policy-type");
    private static final SerializedString RECEIVING_IP = new SerializedString("receiving-ip");
    private static final SerializedString RECEIVING_MX_HELO = new SerializedString("receiving-mx-helo");
    private static final SerializedString RECEIVING_MX_HOSTNAME = new SerializedString("receiving-mx-hostname");
    private static final SerializedString REPORT_ID = new SerializedString("report-id");
    private static final SerializedString RESULT_TYPE = new SerializedString("result-type");
    private static final SerializedString SENDING_MTA_IP = new SerializedString("sending-mta-ip");
    private static final SerializedString START_DATETIME = new SerializedString("start-datetime");
    private static final SerializedString SUMMARY = new SerializedString("summary");
    private static final SerializedString TOTAL_FAILURE_SESSION_COUNT = new SerializedString("total-failure-session-count");
    private static final SerializedString TOTAL_SUCCESSFUL_SESSION_COUNT = new SerializedString("total-successful-session-count");

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

    /**
     * Hex SHA-256 of the canonical form: what a report says, whatever bytes, channel or compression carried it. Two
     * copies of one identity with different hashes are different versions of the report (an identity conflict).
     */
    public static String contentSha256(TlsReport report) {
        return Sha256.hex(toBytes(report));
    }

    /** Writes the canonical form as one JSON object; does not flush or close {@code out}. */
    public static void write(TlsReport report, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName(ORGANIZATION_NAME);
        out.writeString(report.organizationName());
        out.writeFieldName(DATE_RANGE);
        out.writeStartObject();
        out.writeFieldName(START_DATETIME);
        out.writeString(DateTimes.format(report.dateRange().start()));
        out.writeFieldName(END_DATETIME);
        out.writeString(DateTimes.format(report.dateRange().end()));
        out.writeEndObject();
        writeOptional(out, CONTACT_INFO, report.contactInfo());
        out.writeFieldName(REPORT_ID);
        out.writeString(report.reportId());
        out.writeFieldName(POLICIES);
        out.writeStartArray();
        for (PolicyResult result : report.policies()) {
            writePolicyResult(result, out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** Writes findings as {@code [{"code", "path", "message"}]}, the one JSON form they have everywhere. */
    public static void writeFindings(List<Finding> findings, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (Finding finding : findings) {
            out.writeStartObject();
            out.writeStringField("code", finding.code().code());
            out.writeStringField("path", finding.path());
            out.writeStringField("message", finding.message());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void writePolicyResult(PolicyResult result, JsonGenerator out) throws IOException {
        out.writeStartObject();
        Policy policy = result.policy();
        out.writeFieldName(POLICY);
        out.writeStartObject();
        out.writeFieldName(POLICY_TYPE);
        out.writeString(policy.policyTypeName());
        writeArray(out, POLICY_STRING, policy.policyString());
        writeOptional(out, POLICY_DOMAIN, policy.policyDomain());
        writeArray(out, MX_HOST, policy.mxHost());
        out.writeEndObject();
        Summary summary = result.summary();
        out.writeFieldName(SUMMARY);
        out.writeStartObject();
        out.writeFieldName(TOTAL_SUCCESSFUL_SESSION_COUNT);
        out.writeNumber(summary.totalSuccessfulSessionCount());
        out.writeFieldName(TOTAL_FAILURE_SESSION_COUNT);
        out.writeNumber(summary.totalFailureSessionCount());
        out.writeEndObject();
        out.writeFieldName(FAILURE_DETAILS);
        out.writeStartArray();
        for (FailureDetail detail : result.failureDetails()) {
            writeFailureDetail(detail, out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeFailureDetail(FailureDetail detail, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName(RESULT_TYPE);
        out.writeString(detail.resultTypeName());
        writeOptional(out, SENDING_MTA_IP, detail.sendingMtaIp());
        writeOptional(out, RECEIVING_MX_HOSTNAME, detail.receivingMxHostname());
        writeOptional(out, RECEIVING_MX_HELO, detail.receivingMxHelo());
        writeOptional(out, RECEIVING_IP, detail.receivingIp());
        out.writeFieldName(FAILED_SESSION_COUNT);
        out.writeNumber(detail.failedSessionCount());
        writeOptional(out, ADDITIONAL_INFORMATION, detail.additionalInformation());
        writeOptional(out, FAILURE_REASON_CODE, detail.failureReasonCode());
        out.writeEndObject();
    }

    /** An empty list is left out: RFC 8460 wants these fields absent rather than empty (no-policy-found). */
    private static void writeArray(JsonGenerator out, SerializedString name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        out.writeFieldName(name);
        out.writeStartArray();
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private static void writeOptional(JsonGenerator out, SerializedString name, String value) throws IOException {
        if (value != null) {
            out.writeFieldName(name);
            out.writeString(value);
        }
    }
}
