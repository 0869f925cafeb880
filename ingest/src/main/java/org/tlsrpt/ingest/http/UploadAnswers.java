package org.tlsrpt.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.tlsrpt.core.parse.CanonicalJson;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.IntakeRefusal;
import org.tlsrpt.ingest.IntakeResult;

/**
 * The HTTP answer to each {@link IntakeResult}: {@code 201} with the keys stored and the findings, or an RFC 9457
 * problem document ({@code application/problem+json}) with the refusal code and the place in the report it
 * concerns, and {@code Retry-After} where waiting helps.
 */
final class UploadAnswers {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final JsonFactory JSON = new JsonFactory();

    /** Status, content type, JSON body and, when above zero, the Retry-After seconds. */
    record Answer(int status, String contentType, byte[] body, long retryAfterSeconds) {
    }

    private UploadAnswers() {
    }

    static Answer of(IntakeResult result) {
        if (result instanceof IntakeResult.Stored stored) {
            return stored(stored.keys(), stored.findings());
        }
        if (result instanceof IntakeResult.Quarantined quarantined) {
            Refusal reason = quarantined.reasons().get(0);
            int status = reason.code() == RefusalCode.UNSUPPORTED_FORMAT ? 415 : 400;
            return problem(status, reason.code().code(), reason.path(), reason.message() + " (kept in quarantine)", 0);
        }
        if (result instanceof IntakeResult.NotAReport notAReport) {
            Refusal reason = notAReport.reason();
            return problem(400, reason.code().code(), reason.path(), reason.message(), 0);
        }
        if (result instanceof IntakeResult.TooLarge tooLarge) {
            Refusal reason = tooLarge.reason();
            return problem(413, reason.code().code(), reason.path(), reason.message(), 0);
        }
        if (result instanceof IntakeResult.Forbidden forbidden) {
            return problem(403, "forbidden", "$", forbidden.reason(), 0);
        }
        if (result instanceof IntakeResult.OverQuota overQuota) {
            return problem(429, IntakeRefusal.QUOTA_EXCEEDED.code(), "$", overQuota.reason() + "; retry later",
                    Math.max(1, overQuota.retryAfter().toSeconds()));
        }
        IntakeResult.Unavailable unavailable = (IntakeResult.Unavailable) result;
        return problem(503, "unavailable", "$", unavailable.reason() + "; nothing was stored, retry later", 30);
    }

    static Answer rateLimited(String client, long retryAfterSeconds) {
        return problem(429, "too-many-requests", "$", "too many reports from " + client + "; retry later",
                retryAfterSeconds);
    }

    static Answer encodedTooLarge(long maxBodySize) {
        return problem(413, RefusalCode.DECOMPRESSED_TOO_LARGE.code(), "$",
                "the Content-Encoding gzip body is damaged or expands past " + maxBodySize + " bytes", 0);
    }

    static Answer bodyTooLarge(long maxBodySize) {
        return problem(413, "body-too-large", "$", "the body is larger than " + maxBodySize + " bytes", 0);
    }

    static Answer internalError() {
        return problem(500, "internal-error", "$", "the report could not be handled; nothing was stored, retry later",
                0);
    }

    private static Answer stored(List<String> keys, List<Finding> findings) {
        byte[] body = json(out -> {
            out.writeArrayFieldStart("keys");
            for (String key : keys) {
                out.writeString(key);
            }
            out.writeEndArray();
            out.writeFieldName("findings");
            CanonicalJson.writeFindings(findings, out);
        });
        return new Answer(201, "application/json", body, 0);
    }

    private static Answer problem(int status, String code, String path, String detail, long retryAfterSeconds) {
        byte[] body = json(out -> {
            out.writeStringField("type", "https://tlsrpt.org/problems/" + code);
            out.writeStringField("title", HttpResponseStatus.valueOf(status).reasonPhrase());
            out.writeNumberField("status", status);
            out.writeStringField("detail", detail);
            out.writeStringField("code", code);
            out.writeStringField("path", path);
        });
        return new Answer(status, PROBLEM_JSON, body, retryAfterSeconds);
    }

    private interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    private static byte[] json(Fields fields) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            fields.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
