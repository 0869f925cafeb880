package org.tlsrpt.api.alert;

import java.time.Clock;
import java.util.UUID;
import org.tlsrpt.api.alert.webhook.DeliveryLog;
import org.tlsrpt.api.alert.webhook.PinnedHttpClient;
import org.tlsrpt.api.alert.webhook.TargetPolicy;
import org.tlsrpt.api.alert.webhook.WebhookDispatcher;
import org.tlsrpt.api.alert.webhook.WebhookSender;
import org.tlsrpt.api.alert.webhook.WebhookStore;
import org.tlsrpt.api.alert.webhook.Webhooks;
import org.tlsrpt.storage.ClickHouseConnector;

/** The alert parts assembled over one ClickHouse: what the API resources use and what the processor evaluates. */
public final class Alerts implements AutoCloseable {

    private final ClickHouseConnector connector;
    private final AlertSettings settings;
    private final Clock clock;
    private final TargetPolicy targets;
    private final AlertRuleStore ruleStore;
    private final WebhookStore webhookStore;
    private final DeliveryLog deliveryLog;
    private final AlertRules rules;
    private final Webhooks webhooks;
    private WebhookDispatcher dispatcher;

    public Alerts(ClickHouseConnector connector, AlertSettings settings, TargetPolicy targets, Clock clock) {
        this.connector = connector;
        this.settings = settings;
        this.clock = clock;
        this.targets = targets;
        this.ruleStore = new AlertRuleStore(connector, clock);
        this.webhookStore = new WebhookStore(connector, clock);
        this.deliveryLog = new DeliveryLog(connector);
        this.rules = new AlertRules(ruleStore, webhookStore, clock);
        this.webhooks = new Webhooks(webhookStore, rules, deliveryLog, targets, clock);
    }

    public Alerts(ClickHouseConnector connector, AlertSettings settings) {
        this(connector, settings, new TargetPolicy(settings.allowPrivateTargets(), settings.allowedCidrs()),
                Clock.systemUTC());
    }

    public AlertRules rules() {
        return rules;
    }

    public Webhooks webhooks() {
        return webhooks;
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
