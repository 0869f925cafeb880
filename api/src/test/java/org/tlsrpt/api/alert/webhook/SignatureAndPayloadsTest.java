package org.tlsrpt.api.alert.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.alert.AlertEvent;
import org.tlsrpt.api.alert.RuleKind;

class SignatureAndPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertEvent EVENT = new AlertEvent("e1", AlertEvent.FIRED, "r1", "MX certificates",
            RuleKind.FAILURE_RATE, "example.com", "example.com", "example.com: 50% of 10 sts sessions failed",
            Map.of("failedSessions", 5), Instant.parse("2026-11-01T10:00:00Z"));

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBodyWithTheSecret() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(Signature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verificationFailsForAnotherSecretOrAChangedBody() {
        byte[] body = Payloads.body(WebhookFormat.JSON, EVENT);
        String header = Signature.sign("s3cret-s3cret-s3cret", body);
        assertThat(Signature.verify("s3cret-s3cret-s3cret", body, header)).isTrue();
        assertThat(Signature.verify("another-secret-value", body, header)).isFalse();
        body[body.length - 2] ^= 1;
        assertThat(Signature.verify("s3cret-s3cret-s3cret", body, header)).isFalse();
    }

    @Test
    void generatedSecretsAreLongAndDifferent() {
        assertThat(Signature.newSecret()).hasSize(43).isNotEqualTo(Signature.newSecret());
    }

    @Test
    void theGenericBodyCarriesTheEventRuleAndDetails() throws Exception {
        JsonNode body = JSON.readTree(Payloads.body(WebhookFormat.JSON, EVENT));
        assertThat(body.get("eventId").asText()).isEqualTo("e1");
        assertThat(body.get("event").asText()).isEqualTo("fired");
        assertThat(body.at("/rule/kind").asText()).isEqualTo("failure-rate");
        assertThat(body.get("domain").asText()).isEqualTo("example.com");
        assertThat(body.at("/details/failedSessions").asInt()).isEqualTo(5);
    }

    @Test
    void slackGetsATextMessage() throws Exception {
        JsonNode body = JSON.readTree(Payloads.body(WebhookFormat.SLACK, EVENT));
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("text").asText()).contains("ALERT", "MX certificates", "50% of 10 sts sessions failed");
    }

    @Test
    void teamsGetsAnAdaptiveCardMessage() throws Exception {
        JsonNode body = JSON.readTree(Payloads.body(WebhookFormat.TEAMS, EVENT));
        assertThat(body.get("type").asText()).isEqualTo("message");
        JsonNode attachment = body.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.at("/content/type").asText()).isEqualTo("AdaptiveCard");
        assertThat(attachment.at("/content/body/1/text").asText()).contains("50% of 10 sts sessions failed");
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RetryPolicy retry = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(retry.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retry.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.retriable(503)).isTrue();
        assertThat(RetryPolicy.retriable(429)).isTrue();
        assertThat(RetryPolicy.retriable(404)).isFalse();
    }
}
