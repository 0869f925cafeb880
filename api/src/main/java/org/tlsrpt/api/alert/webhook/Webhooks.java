package org.tlsrpt.api.alert.webhook;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tlsrpt.api.alert.AlertRule;
import org.tlsrpt.api.alert.AlertRules;
import org.tlsrpt.api.alert.Ownership;
import org.tlsrpt.api.alert.ProblemException;
import org.tlsrpt.api.auth.Scope;

/**
 * Creating, reading, changing and deleting webhooks on behalf of a caller. A webhook belongs to the scope that
 * created it; the SSRF policy is applied to its URL here, and again before every delivery.
 */
public final class Webhooks {

    static final int MAX_NAME = 200;
    static final int MAX_URL = 2048;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    private final WebhookStore store;
    private final AlertRules rules;
    private final DeliveryLog deliveries;
    private final TargetPolicy targets;
    private final Clock clock;

    public Webhooks(WebhookStore store, AlertRules rules, DeliveryLog deliveries, TargetPolicy targets, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.deliveries = deliveries;
        this.targets = targets;
        this.clock = clock;
    }

    /** @return the new webhook with its secret, which no later answer shows again */
    public Webhook create(Scope caller, WebhookInput input) throws SQLException {
        Instant now = clock.instant();
        Webhook webhook = validate(input, UUID.randomUUID().toString(), caller, null, now, now);
        store.save(webhook);
        return webhook;
    }

    public List<Webhook> list(Scope caller) throws SQLException {
        return store.all().stream().filter(webhook -> Ownership.covers(caller, webhook.owner())).toList();
    }

    public Webhook get(Scope caller, String id) throws SQLException {
        return store.find(id).filter(webhook -> Ownership.covers(caller, webhook.owner()))
                .orElseThrow(() -> ProblemException.notFound("webhook", id));
    }

    public Webhook update(Scope caller, String id, WebhookInput input) throws SQLException {
        Webhook current = get(caller, id);
        Webhook updated = validate(input, id, current.owner(), current.secret(), current.createdAt(), clock.instant());
        store.save(updated);
        return updated;
    }

    public void delete(Scope caller, String id) throws SQLException {
        Webhook webhook = get(caller, id);
        List<AlertRule> using = rules.using(id);
        if (!using.isEmpty()) {
            throw new ProblemException(409, "webhook in use", "alert rules still deliver to this webhook: "
                    + String.join(", ", using.stream().map(AlertRule::id).toList())
                    + "; change or delete them first", List.of());
        }
        store.delete(webhook);
    }

    public List<DeliveryAttempt> deliveries(Scope caller, String id, int limit) throws SQLException {
        Webhook webhook = get(caller, id);
        return deliveries.recent(webhook.id(), Math.max(1, Math.min(limit, 1000)));
    }

    private Webhook validate(WebhookInput in, String id, Scope owner, String currentSecret, Instant createdAt,
            Instant now) {
        if (in == null) {
            throw ProblemException.invalid("webhook", List.of("a JSON body is required"));
        }
        List<String> errors = new ArrayList<>();
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            errors.add("name is required");
        } else if (name.length() > MAX_NAME) {
            errors.add("name is longer than " + MAX_NAME + " characters");
        }
        URI url = null;
        if (in.url() != null && in.url().length() > MAX_URL) {
            errors.add("url is longer than " + MAX_URL + " characters");
        } else {
            try {
                url = TargetPolicy.parse(in.url());
                targets.check(url);
            } catch (TargetRefusedException e) {
                errors.add(e.getMessage());
            }
        }
        WebhookFormat format = in.format() == null || in.format().isBlank() ? WebhookFormat.JSON
                : WebhookFormat.of(in.format().strip());
        if (format == null) {
            errors.add("format must be json, slack or teams, not '" + in.format() + "'");
        }
        String secret = in.secret() != null ? in.secret() : currentSecret != null ? currentSecret
                : Signature.newSecret();
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            errors.add("secret must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("webhook", errors);
        }
        return new Webhook(id, name, url, format, secret, owner, createdAt, now);
    }
}
