package org.tlsrpt.api.alert.webhook;

import java.net.URI;
import java.time.Instant;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.owned.Owned;

/**
 * A delivery target. The secret signs every delivery; it is kept out of {@link #toString()} so it never reaches a
 * log line.
 */
public record Webhook(String id, String name, URI url, WebhookFormat format, String secret, Scope owner,
        Instant createdAt, Instant updatedAt) implements Owned {

    public Webhook withSecret(String newSecret) {
        return new Webhook(id, name, url, format, newSecret, owner, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "Webhook[" + id + ", " + name + ", " + url + ", " + format.configName() + "]";
    }
}
