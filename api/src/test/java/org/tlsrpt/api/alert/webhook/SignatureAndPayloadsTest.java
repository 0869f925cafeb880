package org.tlsrpt.api.alert.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.alert.AlertEvent;
import org.tlsrpt.api.alert.RuleKind;

class SignatureAndPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertEvent EVENT = new AlertEvent("e1", AlertEvent.FIRED, "r1", "MX certificates",
            RuleKind.FAILURE_RATE, "example.com", "example.com", "example.com: 50% of 10 sts sessions failed",
            Map.of("failedSessions", 5), Instant.parse("2026-11-01T10:00:00Z"));

    private static final String SECRET = "s3cret-s3cret-s3cret";
    private static final Instant SENT = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void theSignatureIsTheHexHmacSha256OfTimestampEventIdAndBody() {
        // computed independently: printf '1700000000.e1.what do ya want for nothing?' | openssl dgst -sha256 -hmac Jefe
        assertThat(Signature.sign("Jefe", 1_700_000_000L, "e1",
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,id=e1,v1=58096ebfd62d83b37556ad777b1df802fc6337d436efa8506152cdf6c641f513");
    }

    @Test
    void verificationFailsForAnotherSecretOrAChangedBody() {
        byte[] body = Payloads.body(WebhookFormat.JSON, EVENT);
        String header = Signature.sign(SECRET, SENT.getEpochSecond(), EVENT.id(), body);
        assertThat(Signature.verify(SECRET, body, header, SENT)).isTrue();
        assertThat(Signature.verify("another-secret-value", body, header, SENT)).isFalse();
        body[body.length - 2] ^= 1;
        assertThat(Signature.verify(SECRET, body, header, SENT)).isFalse();
    }

    /** Hole 9 of issue 12: before, the signature covered the body only, so a captured delivery replayed for ever. */
    @Test
    void aReplayedDeliveryFailsWhetherItsTimestampIsOldOrChanged() {
        byte[] body = Payloads.body(WebhookFormat.JSON, EVENT);
        String header = Signature.sign(SECRET, SENT.getEpochSecond(), EVENT.id(), body);
        Instant later = SENT.plus(Duration.ofHours(1));

        assertThat(Signature.verify(SECRET, body, header, SENT.plus(Signature.REPLAY_WINDOW))).isTrue();
        assertThat(Signature.verify(SECRET, body, header, SENT.plus(Signature.REPLAY_WINDOW).plusSeconds(1)))
                .as("the same bytes an hour later").isFalse();
        String refreshed = header.replace("t=" + SENT.getEpochSecond(), "t=" + later.getEpochSecond());
        assertThat(Signature.verify(SECRET, body, refreshed, later)).as("a fresh timestamp on the old body").isFalse();
        String otherEvent = header.replace("id=" + EVENT.id(), "id=e2");
        assertThat(Signature.verify(SECRET, body, otherEvent, SENT)).as("another event id").isFalse();
    }

    @Test
    void malformedSignatureHeadersAreRefusedWithoutThrowing() {
        byte[] body = Payloads.body(WebhookFormat.JSON, EVENT);
        String good = Signature.sign(SECRET, SENT.getEpochSecond(), EVENT.id(), body);
        for (String header : new String[] {null, "", "sha256=" + "0".repeat(64), "t=,id=e1,v1=" + "0".repeat(64),
                "t=99999999999999999999,id=e1,v1=" + "0".repeat(64), good.replace("v1=", "v2="),
                good.substring(0, good.length() - 1), "t=" + SENT.getEpochSecond() + ",id=,v1=" + "0".repeat(64),
                ",,,=,=="}) {
            assertThat(Signature.verify(SECRET, body, header, SENT)).as(String.valueOf(header)).isFalse();
        }
    }

    @Property(tries = 300)
    void anyHeaderButTheRightOneIsRefusedWithoutThrowing(@ForAll @StringLength(max = 300) String header) {
        byte[] body = Payloads.body(WebhookFormat.JSON, EVENT);
        Assume.that(!header.equals(Signature.sign(SECRET, SENT.getEpochSecond(), EVENT.id(), body)));
        assertThat(Signature.verify(SECRET, body, header, SENT)).isFalse();
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

    /** A sender names its organisation so that a digest listing it as a silent reporter pings or phishes a channel. */
    private static final String HOSTILE =
            "<!channel> <https://evil.example|click> [click](https://evil.example) *b* & co";
    private static final AlertEvent HOSTILE_DIGEST = new AlertEvent("e2", AlertEvent.FIRED, "r2", "weekly *all*",
            RuleKind.WEEKLY_DIGEST, "", "week|2026-10-26", "Week 2026-10-26 to 2026-11-01\nexample.com: 10 sessions, "
            + "0% failed; silent reporters: " + HOSTILE, Map.of("weekFrom", "2026-10-26", "weekTo", "2026-11-01"),
            Instant.parse("2026-11-03T10:00:00Z"));

    @Test
    void aHostileOrganisationNameReachesSlackAsPlainText() throws Exception {
        String text = JSON.readTree(Payloads.body(WebhookFormat.SLACK, HOSTILE_DIGEST)).get("text").asText();
        assertThat(text).doesNotContain("<!channel>", "<https://", "<", ">")
                .contains("&lt;!channel&gt; &lt;https://evil.example|click&gt;", "&amp; co");
    }

    @Test
    void aHostileOrganisationNameReachesTeamsAsPlainText() throws Exception {
        JsonNode card = JSON.readTree(Payloads.body(WebhookFormat.TEAMS, HOSTILE_DIGEST)).at("/attachments/0/content");
        assertThat(card.at("/body/1/text").asText()).doesNotContain("[click](https://")
                .contains("\\<!channel\\> \\<https://evil.example|click\\> \\[click\\](https://evil.example) "
                        + "\\*b\\* & co");
        assertThat(card.at("/body/0/text").asText()).contains("weekly \\*all\\*");
        assertThat(card.at("/body/2/facts/0/value").asText()).isEqualTo("weekly \\*all\\* (weekly-digest)");
    }

    @Property(tries = 500)
    void noSlackTextKeepsAnAngleBracketOrARawAmpersand(@ForAll @StringLength(max = 200) String hostile) {
        String escaped = ChatText.slack(hostile);
        assertThat(escaped).doesNotContain("<", ">");
        assertThat(escaped.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")).doesNotContain("&");
    }

    @Property(tries = 500)
    void everyTeamsMarkdownCharacterIsEscaped(@ForAll @StringLength(max = 200) String hostile) {
        String escaped = ChatText.teams(hostile);
        for (int i = 0, source = 0; i < escaped.length(); i++, source++) {
            char c = escaped.charAt(i);
            if ("\\*_~`[]<>#".indexOf(hostile.charAt(source)) >= 0) {
                assertThat(c).isEqualTo('\\');
                i++;
            }
            assertThat(escaped.charAt(i)).isEqualTo(hostile.charAt(source));
        }
        assertThat(escaped.replace("\\<", "").replace("\\>", "")).doesNotContain("<", ">");
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
