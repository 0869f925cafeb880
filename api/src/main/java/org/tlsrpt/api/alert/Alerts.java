package org.tlsrpt.api.alert;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tlsrpt.api.alert.webhook.DeliveryLog;
import org.tlsrpt.api.alert.webhook.PinnedHttpClient;
import org.tlsrpt.api.alert.webhook.TargetPolicy;
import org.tlsrpt.api.alert.webhook.Webhook;
import org.tlsrpt.api.alert.webhook.WebhookDispatcher;
import org.tlsrpt.api.alert.webhook.WebhookSender;
import org.tlsrpt.api.alert.webhook.WebhookRows;
import org.tlsrpt.api.alert.webhook.Webhooks;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.owned.OwnedEntities;
import org.tlsrpt.api.owned.Ownership;
import org.tlsrpt.api.owned.ProblemException;
import org.tlsrpt.api.owned.VersionedStore;
import org.tlsrpt.storage.ClickHouseConnector;

/** The alert parts assembled over one ClickHouse: what the API resources use and what the processor evaluates. */
public final class Alerts implements AutoCloseable {

    private final ClickHouseConnector connector;
    private final AlertSettings settings;
    private final Clock clock;
    private final TargetPolicy targets;
    private final VersionedStore<AlertRule> ruleStore;
    private final VersionedStore<Webhook> webhookStore;
    private final DeliveryLog deliveryLog;
    private final OwnedEntities<RuleInput, AlertRule> rules;
    private final Webhooks webhooks;
    private WebhookDispatcher dispatcher;

    public Alerts(ClickHouseConnector connector, AlertSettings settings, TargetPolicy targets, Clock clock) {
        this.connector = connector;
        this.settings = settings;
        this.clock = clock;
        this.targets = targets;
        this.ruleStore = AlertRuleRows.store(connector, clock);
        this.webhookStore = WebhookRows.store(connector, clock);
        this.deliveryLog = new DeliveryLog(connector);
        this.rules = new OwnedEntities<>("alert rule", ruleStore, (input, id, owner, current, now) ->
                RuleValidation.validate(input, id, owner, webhooksOf(owner), current == null ? now
                        : current.createdAt(), now), rule -> { }, clock);
        this.webhooks = new Webhooks(webhookStore, this::refuseWhileInUse, deliveryLog, targets, clock);
    }

    public Alerts(ClickHouseConnector connector, AlertSettings settings) {
        this(connector, settings, new TargetPolicy(settings.allowPrivateTargets(), settings.allowedCidrs()),
                Clock.systemUTC());
    }

    public OwnedEntities<RuleInput, AlertRule> rules() {
        return rules;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    /** Ids of the webhooks a rule owned by {@code owner} may deliver to: those of owners it covers. */
    private Set<String> webhooksOf(Scope owner) throws SQLException {
        return webhookStore.all().stream().filter(webhook -> Ownership.covers(owner, webhook.owner()))
                .map(Webhook::id).collect(Collectors.toSet());
    }

    /** A webhook that rules still deliver to, whoever owns them, is not deleted. */
    private void refuseWhileInUse(Webhook webhook) throws SQLException {
        List<String> using = ruleStore.all().stream().filter(rule -> rule.webhookIds().contains(webhook.id()))
                .map(AlertRule::id).toList();
        if (!using.isEmpty()) {
            throw new ProblemException(409, "webhook in use", "alert rules still deliver to this webhook: "
                    + String.join(", ", using) + "; change or delete them first", List.of());
        }
    }

    public WebhookSender sender() {
        return new WebhookSender(targets, PinnedHttpClient.withDefaultTrust(settings.connectTimeout(),
                settings.requestTimeout()), deliveryLog, settings.retry());
    }

    /** The evaluator of the processor role, delivering on its own threads; {@code holder} names this instance. */
    public synchronized AlertEvaluator evaluator(String holder) {
        if (dispatcher == null) {
            dispatcher = WebhookDispatcher.threads(sender(), settings.deliveryThreads());
        }
        return evaluator(holder, dispatcher);
    }

    public AlertEvaluator evaluator(String holder, WebhookDispatcher deliveries) {
        return new AlertEvaluator(ruleStore, webhookStore, new AlertStateStore(connector, clock),
                new ConditionFinder(connector),
                new AlertLease(connector, "alert-evaluator", holder, settings.lease(), clock), deliveries, clock);
    }

    /** A name for this process in the lease table. */
    public static String instanceName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "tlsrpt");
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }
}
