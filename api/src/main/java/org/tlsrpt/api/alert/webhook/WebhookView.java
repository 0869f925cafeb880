package org.tlsrpt.api.alert.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A webhook as the API shows it; {@code secret} only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(String id, String name, String url, String format, String secret, Instant createdAt,
        Instant updatedAt) {

    public static WebhookView of(Webhook webhook) {
        return new WebhookView(webhook.id(), webhook.name(), webhook.url().toString(), webhook.format().configName(),
                null, webhook.createdAt(), webhook.updatedAt());
    }

    public static WebhookView withSecret(Webhook webhook) {
        return new WebhookView(webhook.id(), webhook.name(), webhook.url().toString(), webhook.format().configName(),
                webhook.secret(), webhook.createdAt(), webhook.updatedAt());
    }
}
