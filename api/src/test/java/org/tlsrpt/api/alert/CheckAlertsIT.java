package org.tlsrpt.api.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.api.alert.webhook.Cidr;
import org.tlsrpt.api.alert.webhook.DeliveryLog;
import org.tlsrpt.api.alert.webhook.PinnedHttpClient;
import org.tlsrpt.api.alert.webhook.RetryPolicy;
import org.tlsrpt.api.alert.webhook.TargetPolicy;
import org.tlsrpt.api.alert.webhook.Webhook;
import org.tlsrpt.api.alert.webhook.WebhookDispatcher;
import org.tlsrpt.api.alert.webhook.WebhookInput;
import org.tlsrpt.api.alert.webhook.WebhookSender;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.check.DomainChecks;
import org.tlsrpt.api.check.LabAndClickHouse;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The rule kinds over the live checks, certificate-expiring and check-failing, fired by checks of the checks' lab
 * (real NSD and SMTP servers) stored in the embedded ClickHouse, delivered once to a local receiver; a webhook whose
 * owner does not cover the domain hears nothing of it.
 */
class CheckAlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static LabAndClickHouse setup;
    static ClickHouseConnector database;
    static DomainChecks checks;

    @BeforeAll
    static void start() throws Exception {
        setup = LabAndClickHouse.start(dir, "check_alerts");
        database = setup.database;
        checks = setup.checks;
        checks.runNow("uncovered.lab"); // mx-other.lab: 5 days left
        checks.runNow("nostarttls.lab"); // mx-nostarttls.lab: no STARTTLS, twice in a row
        checks.runNow("nostarttls.lab");
    }

    @AfterAll
    static void stop() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void certificateExpiringAndCheckFailingFireOnceThroughTheWebhooksWhoseOwnersSeeTheDomain() throws Exception {
        try (Receiver receiver = new Receiver()) {
            TargetPolicy loopback = new TargetPolicy(false, List.of(Cidr.parse("127.0.0.1/32")));
            AlertSettings settings = AlertSettings.defaults()
                    .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)));
            Clock clock = Clock.systemUTC();
            Alerts alerts = new Alerts(database, settings, loopback, clock);
            Webhook all = alerts.webhooks().create(Scope.all(),
                    new WebhookInput("pager", receiver.url("/all"), "json", null));
            Webhook goodOnly = alerts.webhooks().create(Scope.of(List.of("good.lab")),
                    new WebhookInput("good.lab's", receiver.url("/good"), "json", null));
            alerts.rules().create(Scope.all(), new RuleInput("expiring", "certificate-expiring", null,
                    List.of(all.id(), goodOnly.id()), 10.0, null, null, null, null, null, null, null, null));
            alerts.rules().create(Scope.all(), new RuleInput("failing", "check-failing", "nostarttls.lab",
                    List.of(all.id(), goodOnly.id()), null, null, null, null, null, null, 2L, null, null));
            WebhookSender sender = new WebhookSender(loopback, PinnedHttpClient.withDefaultTrust(
                    Duration.ofSeconds(2), Duration.ofSeconds(5)), new DeliveryLog(database), settings.retry(), clock,
                    wait -> {
                    });
            AlertEvaluator evaluator = alerts.evaluator("instance-1", new WebhookDispatcher(sender, Runnable::run));

            AlertEvaluator.Evaluation first = evaluator.evaluate();
            AlertEvaluator.Evaluation second = evaluator.evaluate();

            assertThat(first.events()).extracting(AlertEvent::kind).contains(RuleKind.CERTIFICATE_EXPIRING,
                    RuleKind.CHECK_FAILING);
            assertThat(second.events()).isEmpty();
            assertThat(receiver.requests()).extracting(Receiver.Request::path).containsOnly("/all");
            assertThat(receiver.requests()).hasSize(first.events().size());
            List<String> texts = receiver.requests().stream().map(r -> {
                try {
                    JsonNode body = JSON.readTree(r.body());
                    return body.toString();
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(texts).filteredOn(t -> t.contains("certificate-expiring")).singleElement()
                    .satisfies(t -> assertThat(t).contains("mx-other.lab").contains("5 days left"));
            assertThat(texts).filteredOn(t -> t.contains("check-failing") && t.contains("starttls of mx-nostarttls.lab"))
                    .singleElement().satisfies(t -> assertThat(t).contains("starttls-not-supported"));
        }
    }
}
