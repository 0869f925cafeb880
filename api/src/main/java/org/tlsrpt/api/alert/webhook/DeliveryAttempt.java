package org.tlsrpt.api.alert.webhook;

import java.time.Instant;

/**
 * One attempt to deliver an event to a webhook, as kept in the delivery log.
 *
 * @param deliveryId the delivery (all attempts of one event to one webhook share it)
 * @param status     the HTTP status, 0 when there was none (refused, connection error)
 * @param outcome    {@code delivered}, {@code retrying}, {@code failed} or {@code refused}
 * @param error      what went wrong, empty on success
 */
public record DeliveryAttempt(String webhookId, String deliveryId, String eventId, String ruleId, String event,
        int attempt, Instant attemptedAt, int status, String outcome, String error, long durationMs) {

    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";
}
