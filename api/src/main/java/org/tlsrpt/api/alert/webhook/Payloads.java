package org.tlsrpt.api.alert.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tlsrpt.api.alert.AlertEvent;
import org.tlsrpt.api.alert.RuleKind;

/** The body of a delivery in each {@link WebhookFormat}, as the bytes that are signed and sent. */
public final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Payloads() {
    }

    public static byte[] body(WebhookFormat format, AlertEvent event) {
        Object body = switch (format) {
            case JSON -> generic(event);
            case SLACK -> Map.of("text", ChatText.slack(headline(event) + "\n" + event.summary()));
            case TEAMS -> teams(event);
        };
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event is plain data", e);
        }
    }

    static Map<String, Object> generic(AlertEvent event) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", event.ruleId());
        rule.put("name", event.ruleName());
        rule.put("kind", event.kind().apiName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.id());
        body.put("event", event.type());
        body.put("at", event.at().toString());
        body.put("rule", rule);
        body.put("domain", event.domain());
        body.put("condition", event.conditionKey());
        body.put("summary", event.summary());
        body.put("details", new TreeMap<>(event.details()));
        return body;
    }

    /**
     * A Teams workflow ("When a Teams webhook request is received") takes a message with an Adaptive Card. Every
     * text in it passes {@link ChatText#teams}, facts too: a FactSet value renders markdown like a TextBlock.
     */
    static Map<String, Object> teams(AlertEvent event) {
        List<Object> facts = new ArrayList<>();
        facts.add(Map.of("title", "Rule", "value", ChatText.teams(event.ruleName() + " (" + event.kind().apiName()
                + ")")));
        facts.add(Map.of("title", "Domain", "value", event.domain().isEmpty() ? "every domain of the rule's owner"
                : ChatText.teams(event.domain())));
        facts.add(Map.of("title", "Event", "value", ChatText.teams(event.type() + " at " + event.at())));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", List.of(
                Map.of("type", "TextBlock", "size", "Medium", "weight", "Bolder", "wrap", true,
                        "color", event.fired() && event.kind() != RuleKind.WEEKLY_DIGEST ? "Attention" : "Good",
                        "text", ChatText.teams(headline(event))),
                Map.of("type", "TextBlock", "wrap", true, "text", ChatText.teams(event.summary())),
                Map.of("type", "FactSet", "facts", facts)));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("attachments", List.of(attachment));
        return message;
    }

    static String headline(AlertEvent event) {
        if (event.kind() == RuleKind.WEEKLY_DIGEST) {
            return "[tlsrpt] weekly digest " + event.ruleName() + ": " + event.details().get("weekFrom") + " to "
                    + event.details().get("weekTo");
        }
        return (event.fired() ? "[tlsrpt] ALERT " : "[tlsrpt] resolved ") + event.ruleName() + ": " + event.domain();
    }
}
