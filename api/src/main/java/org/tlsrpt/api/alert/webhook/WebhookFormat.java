package org.tlsrpt.api.alert.webhook;

import java.util.Locale;

/** The shape of a delivery's body. */
public enum WebhookFormat {
    /** tlsrpt's own JSON event (see docs/alerts.md). */
    JSON,
    /** Slack incoming webhooks (and Mattermost, Rocket.Chat): {@code {"text": …}}. */
    SLACK,
    /** Microsoft Teams workflow webhooks: a message with one Adaptive Card attachment. */
    TEAMS;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format for its configuration name, or null. */
    public static WebhookFormat of(String name) {
        for (WebhookFormat format : values()) {
            if (format.configName().equalsIgnoreCase(name)) {
                return format;
            }
        }
        return null;
    }
}
