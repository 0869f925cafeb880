package org.tlsrpt.checks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The JSON form of a {@link DomainCheck}, a contract ({@code tlsrpt check-domain --json}):
 * <pre>
 * {"domain", "checkedAt", "ok", "results": [{"check", "target", "resultType", "rfc8460", "detail", "facts": {…}}]}
 * </pre>
 * {@code resultType} is {@code ok}, an RFC 8460 result type ({@code rfc8460} true) or one of ours.
 */
public final class DomainCheckJson {

    private static final JsonFactory JSON = new JsonFactory();

    private DomainCheckJson() {
    }

    /** Writes one check as one line. */
    public static void writeLine(DomainCheck check, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            write(check, json);
        }
        out.write('\n');
        out.flush();
    }

    public static void write(DomainCheck check, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("domain", check.domain());
        json.writeStringField("checkedAt", check.checkedAt().toString());
        json.writeBooleanField("ok", check.ok());
        json.writeArrayFieldStart("results");
        for (CheckResult result : check.results()) {
            json.writeStartObject();
            json.writeStringField("check", result.check().code());
            json.writeStringField("target", result.target());
            json.writeStringField("resultType", result.resultType().code());
            json.writeBooleanField("rfc8460", result.resultType().rfc8460());
            json.writeStringField("detail", result.detail());
            json.writeObjectFieldStart("facts");
            for (Map.Entry<String, String> fact : result.facts().entrySet()) {
                json.writeStringField(fact.getKey(), fact.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
