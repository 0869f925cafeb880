package org.tlsrpt.api.alert.webhook;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.owned.OwnedEntities;
import org.tlsrpt.api.owned.ProblemException;
import org.tlsrpt.api.owned.VersionedStore;

/**
 * Webhooks on behalf of a caller, as every owned thing ({@link OwnedEntities}), plus their delivery log. The SSRF
 * policy is applied to the URL here, and again before every delivery.
 */
public final class Webhooks extends OwnedEntities<WebhookInput, Webhook> {

    static final int MAX_NAME = 200;
    static final int MAX_URL = 2048;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    private final DeliveryLog deliveries;

    /** @param deleteCheck refuses to delete a webhook that rules still deliver to */
    public Webhooks(VersionedStore<Webhook> store, DeleteCheck<Webhook> deleteCheck, DeliveryLog deliveries,
            TargetPolicy targets, Clock clock) {
        super("webhook", store, (input, id, owner, current, now) -> validate(targets, input, id, owner, current,
                now), deleteCheck, clock);
        this.deliveries = deliveries;
    }

    public List<DeliveryAttempt> deliveries(Scope caller, String id, int limit) throws SQLException {
        Webhook webhook = get(caller, id);
        return deliveries.recent(webhook.id(), Math.max(1, Math.min(limit, 1000)));
    }

    private static Webhook validate(TargetPolicy targets, WebhookInput in, String id, Scope owner, Webhook current,
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
        String secret = in.secret() != null ? in.secret() : current != null ? current.secret()
                : Signature.newSecret();
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            errors.add("secret must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("webhook", errors);
        }
        return new Webhook(id, name, url, format, secret, owner, current == null ? now : current.createdAt(), now);
    }
}
