package org.tlsrpt.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DomainCheckJsonTest {

    static JsonNode roundTrip(DomainCheck check) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DomainCheckJson.writeLine(check, out);
        String line = out.toString(StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").hasLineCount(1);
        return new ObjectMapper().readTree(line);
    }

    @Test
    void oneObjectWithTheContractsFields() throws Exception {
        DomainCheck check = new DomainCheck("example.com", Instant.parse("2026-12-06T04:00:00Z"), List.of(
                new CheckResult(Check.CERTIFICATE_EXPIRY, "mx2.example.com", ResultType.CERTIFICATE_EXPIRED,
                        "expired", Map.of("daysLeft", "-4"))));

        JsonNode json = roundTrip(check);

        assertThat(json.get("domain").asText()).isEqualTo("example.com");
        assertThat(json.get("checkedAt").asText()).isEqualTo("2026-12-06T04:00:00Z");
        assertThat(json.get("ok").asBoolean()).isFalse();
        JsonNode result = json.get("results").get(0);
        assertThat(result.get("check").asText()).isEqualTo("certificate-expiry");
        assertThat(result.get("target").asText()).isEqualTo("mx2.example.com");
        assertThat(result.get("resultType").asText()).isEqualTo("certificate-expired");
        assertThat(result.get("rfc8460").asBoolean()).isTrue();
        assertThat(result.get("facts").get("daysLeft").asText()).isEqualTo("-4");
    }

    @Property
    void whateverADomainPublishesStaysOneValidLine(@ForAll String detail, @ForAll String fact) throws Exception {
        DomainCheck check = new DomainCheck("example.com", Instant.EPOCH, List.of(new CheckResult(Check.STS_POLICY,
                "mta-sts.example.com", ResultType.OK, detail, Map.of("policy", fact))));

        JsonNode json = roundTrip(check);

        assertThat(json.get("results").get(0).get("detail").asText()).isEqualTo(detail);
        assertThat(json.get("results").get(0).get("facts").get("policy").asText()).isEqualTo(fact);
    }
}
