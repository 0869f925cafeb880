package org.tlsrpt.api.alert.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.tlsrpt.api.alert.AlertEvent;

/**
 * Delivers one event to one webhook: the body in the webhook's format, signed with the attempt's time and the event
 * id ({@link Signature}), to an address the SSRF policy checked just before (each attempt checks again), retried
 * with exponential backoff on connection errors and 5xx/429, every attempt written to the delivery log. Never logs
 * the secret.
 */
public final class WebhookSender {

    private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());

    /** Waits between attempts; tests may pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final TargetPolicy targets;
    private final PinnedHttpClient http;
    private final DeliveryLog log;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Sleeper sleeper;

    public WebhookSender(TargetPolicy targets, PinnedHttpClient http, DeliveryLog log, RetryPolicy retry, Clock clock,
            Sleeper sleeper) {
        this.targets = targets;
        this.http = http;
        this.log = log;
        this.retry = retry;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public WebhookSender(TargetPolicy targets, PinnedHttpClient http, DeliveryLog log, RetryPolicy retry) {
        this(targets, http, log, retry, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    /** @return the last attempt */
    public DeliveryAttempt deliver(Webhook webhook, AlertEvent event) throws InterruptedException {
        byte[] body = Payloads.body(webhook.format(), event);
        String deliveryId = UUID.randomUUID().toString();
        DeliveryAttempt last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            last = attempt(webhook, event, body, deliveryId, attempt);
            record(last);
            if (!DeliveryAttempt.RETRYING.equals(last.outcome())) {
                return last;
            }
            sleeper.sleep(retry.backoff(attempt));
        }
        return last;
    }

    private DeliveryAttempt attempt(Webhook webhook, AlertEvent event, byte[] body, String deliveryId, int attempt) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        boolean lastChance = attempt >= retry.maxAttempts();
        int status = 0;
        String outcome;
        String error = "";
        try {
            InetAddress address = targets.check(webhook.url());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            headers.put("User-Agent", "tlsrpt-alerts");
            // signed per attempt: a retry minutes later is still inside the receiver's replay window
            headers.put(Signature.HEADER, Signature.sign(webhook.secret(), started.getEpochSecond(), event.id(), body));
            headers.put(Signature.EVENT_HEADER, event.id());
            headers.put(Signature.DELIVERY_HEADER, deliveryId);
            PinnedHttpClient.Response response = http.post(webhook.url(), address, headers, body);
            status = response.status();
            if (status >= 200 && status < 300) {
                outcome = DeliveryAttempt.DELIVERED;
            } else {
                error = "HTTP " + status + (response.bodyStart().isEmpty() ? "" : ": " + response.bodyStart());
                outcome = RetryPolicy.retriable(status) && !lastChance ? DeliveryAttempt.RETRYING
                        : DeliveryAttempt.FAILED;
            }
        } catch (TargetRefusedException e) {
            outcome = DeliveryAttempt.REFUSED;
            error = e.getMessage();
        } catch (IOException | RuntimeException e) {
            outcome = lastChance ? DeliveryAttempt.FAILED : DeliveryAttempt.RETRYING;
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        return new DeliveryAttempt(webhook.id(), deliveryId, event.id(), event.ruleId(), event.type(), attempt,
                started, status, outcome, error, millis);
    }

    private void record(DeliveryAttempt attempt) {
        if (!DeliveryAttempt.DELIVERED.equals(attempt.outcome())) {
            LOG.log(System.Logger.Level.WARNING, "webhook {0} attempt {1} for event {2}: {3} {4}",
                    attempt.webhookId(), attempt.attempt(), attempt.eventId(), attempt.outcome(), attempt.error());
        }
        try {
            log.record(attempt);
        } catch (java.sql.SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the delivery log for webhook "
                    + attempt.webhookId() + ": " + e.getMessage());
        }
    }
}
