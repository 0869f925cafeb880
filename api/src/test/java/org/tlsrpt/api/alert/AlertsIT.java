package org.tlsrpt.api.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.alert.Fixtures.Detail;
import org.tlsrpt.api.alert.webhook.Cidr;
import org.tlsrpt.api.alert.webhook.DeliveryAttempt;
import org.tlsrpt.api.alert.webhook.DeliveryLog;
import org.tlsrpt.api.alert.webhook.PinnedHttpClient;
import org.tlsrpt.api.alert.webhook.RetryPolicy;
import org.tlsrpt.api.alert.webhook.Signature;
import org.tlsrpt.api.alert.webhook.TargetPolicy;
import org.tlsrpt.api.alert.webhook.Webhook;
import org.tlsrpt.api.alert.webhook.WebhookDispatcher;
import org.tlsrpt.api.alert.webhook.WebhookInput;
import org.tlsrpt.api.alert.webhook.WebhookSender;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.check.CheckHistory;
import org.tlsrpt.api.owned.ProblemException;
import org.tlsrpt.checks.Check;
import org.tlsrpt.checks.CheckResult;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.ResultType;
import org.tlsrpt.core.testing.MovableClock;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * Alert rules evaluated over reports written by the real processor writer into the embedded ClickHouse, delivered to
 * a local HTTP receiver (loopback allowed here by configuration, as it is not by default).
 */
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String DOMAIN = "example.com";
    private static TestClickHouse clickhouse;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-10T12:00:00Z"));
    private final LocalDate today = LocalDate.of(2026, 11, 10);
    private ClickHouseConnector database;
    private Receiver receiver;
    private Alerts alerts;
    private TargetPolicy loopbackAllowed;

    @BeforeAll
    static void startClickHouse() throws Exception {
        clickhouse = new TestClickHouse();
    }

    @AfterAll
    static void stopClickHouse() {
        clickhouse.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        database = clickhouse.freshDatabase("alerts_" + DATABASES.incrementAndGet());
        receiver = new Receiver();
        loopbackAllowed = new TargetPolicy(false, List.of(Cidr.parse("127.0.0.1/32")));
        alerts = new Alerts(database, settings(), loopbackAllowed, clock);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private static AlertSettings settings() {
        return AlertSettings.defaults().withRetry(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40)));
    }

    /** Deliveries in the evaluating thread, without sleeping between attempts: the test sees them at once. */
    private AlertEvaluator evaluator(String holder, TargetPolicy targets) {
        WebhookSender sender = new WebhookSender(targets, PinnedHttpClient.withDefaultTrust(Duration.ofSeconds(2),
                Duration.ofSeconds(5)), new DeliveryLog(database), settings().retry(), clock, wait -> {
                });
        return alerts.evaluator(holder, new WebhookDispatcher(sender, Runnable::run));
    }

    private AlertEvaluator evaluator() {
        return evaluator("instance-1", loopbackAllowed);
    }

    private Webhook webhook(String format) throws Exception {
        return alerts.webhooks().create(Scope.all(), new WebhookInput("pager", receiver.url("/hook"), format, null));
    }

    private AlertRule rule(String kind, Webhook webhook, Double threshold, Integer silentDays, Double factor)
            throws Exception {
        return alerts.rules().create(Scope.all(), new RuleInput(kind + " rule", kind, DOMAIN, List.of(webhook.id()),
                threshold, null, null, silentDays, factor, null, null, null, null));
    }

    @Test
    void aFailureRateAboveTheThresholdIsDeliveredOnceSignedWithTheWebhookSecret() throws Exception {
        new Fixtures().report("Google Inc.", DOMAIN, today.minusDays(1), 60, new Detail("certificate-expired", 40))
                .writeTo(database);
        Webhook webhook = webhook("json");
        AlertRule rule = rule("failure-rate", webhook, 0.1, null, null);

        AlertEvaluator.Evaluation first = evaluator().evaluate();
        AlertEvaluator.Evaluation second = evaluator().evaluate();

        assertThat(first.events()).hasSize(1);
        assertThat(second.ran()).isTrue();
        assertThat(second.events()).isEmpty();
        assertThat(receiver.requests()).hasSize(1);
        Receiver.Request request = receiver.requests().get(0);
        assertThat(webhook.secret()).hasSizeGreaterThanOrEqualTo(32);
        String signature = request.header("X-Tlsrpt-Signature");
        JsonNode body = JSON.readTree(request.body());
        assertThat(request.header("X-Tlsrpt-Event-Id")).isEqualTo(body.get("eventId").asText());
        long sent = clock.instant().getEpochSecond();
        assertThat(signature).startsWith("t=" + sent + ",id=" + body.get("eventId").asText() + ",v1=");
        assertThat(Signature.verify(webhook.secret(), request.body(), signature, clock.instant())).isTrue();
        // a replay: the same body later, with its timestamp kept (too old) or changed (HMAC no longer matches)
        Instant later = clock.instant().plus(Duration.ofMinutes(30));
        assertThat(Signature.verify(webhook.secret(), request.body(), signature, later)).isFalse();
        assertThat(Signature.verify(webhook.secret(), request.body(),
                signature.replace("t=" + sent, "t=" + later.getEpochSecond()), later)).isFalse();
        assertThat(body.get("event").asText()).isEqualTo("fired");
        assertThat(body.at("/rule/id").asText()).isEqualTo(rule.id());
        assertThat(body.get("domain").asText()).isEqualTo(DOMAIN);
        assertThat(body.at("/details/failedSessions").asLong()).isEqualTo(40);
        assertThat(body.at("/details/successfulSessions").asLong()).isEqualTo(60);
        assertThat(body.get("summary").asText()).contains("40% of 100 sts sessions failed");

        List<DeliveryAttempt> log = alerts.webhooks().deliveries(Scope.all(), webhook.id(), 10);
        assertThat(log).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("delivered");
            assertThat(attempt.status()).isEqualTo(200);
            assertThat(attempt.eventId()).isEqualTo(body.get("eventId").asText());
        });
    }

    @Test
    void aFailureRateThatClearsIsResolvedOnceAndOneBelowTheThresholdNeverFires() throws Exception {
        new Fixtures().report("Google Inc.", DOMAIN, today.minusDays(1), 60, new Detail("certificate-expired", 40))
                .report("Google Inc.", "quiet.example", today.minusDays(1), 990, new Detail("certificate-expired", 10))
                .writeTo(database);
        Webhook webhook = webhook("slack");
        alerts.rules().create(Scope.all(), new RuleInput("all domains", "failure-rate", null, List.of(webhook.id()),
                0.05, "24h", null, null, null, null, null, null, null));

        evaluator().evaluate();
        clock.set(Instant.parse("2026-11-12T12:00:00Z")); // the failing day left the 24h window
        evaluator().evaluate();
        evaluator().evaluate();

        assertThat(receiver.requests()).hasSize(2);
        assertThat(JSON.readTree(receiver.requests().get(0).body()).get("text").asText())
                .contains("ALERT", DOMAIN).doesNotContain("quiet.example");
        assertThat(JSON.readTree(receiver.requests().get(1).body()).get("text").asText())
                .contains("resolved", DOMAIN);
    }

    @Test
    void aNewResultTypeFiresOnceAndAKnownOneNever() throws Exception {
        new Fixtures().report("Google Inc.", DOMAIN, today.minusDays(20), 100, new Detail("starttls-not-supported", 3))
                .report("Google Inc.", DOMAIN, today.minusDays(1), 100, new Detail("starttls-not-supported", 2),
                        new Detail("certificate-expired", 7))
                .writeTo(database);
        Webhook webhook = webhook("teams");
        rule("new-result-type", webhook, null, null, null);

        AlertEvaluator.Evaluation first = evaluator().evaluate();
        evaluator().evaluate();

        assertThat(first.events()).extracting(AlertEvent::conditionKey)
                .containsExactly(DOMAIN + "|certificate-expired");
        assertThat(receiver.requests()).hasSize(1);
        JsonNode card = JSON.readTree(receiver.requests().get(0).body()).at("/attachments/0/content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.at("/body/1/text").asText()).contains("certificate-expired");
    }

    @Test
    void aSilentReporterFiresOnceAndResolvesWhenItReportsAgain() throws Exception {
        Fixtures fixtures = new Fixtures();
        for (int d = 12; d >= 6; d--) {
            fixtures.report("Google Inc.", DOMAIN, today.minusDays(d), 100);
        }
        fixtures.report("Microsoft Corporation", DOMAIN, today.minusDays(1), 100).writeTo(database);
        Webhook webhook = webhook("json");
        rule("reporter-silent", webhook, null, 3, null);

        AlertEvaluator.Evaluation first = evaluator().evaluate();
        assertThat(evaluator().evaluate().events()).isEmpty();
        new Fixtures().report("Google Inc.", DOMAIN, today.minusDays(1), 100, new Detail("validation-failure", 1))
                .writeTo(database);
        AlertEvaluator.Evaluation afterReport = evaluator().evaluate();

        assertThat(first.events()).extracting(AlertEvent::conditionKey).containsExactly(DOMAIN + "|Google Inc.");
        assertThat(first.events().get(0).summary()).contains("Google Inc.", today.minusDays(6).toString());
        assertThat(afterReport.events()).extracting(AlertEvent::type).containsExactly("resolved");
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void aRetractedForgeryNeitherIntroducesANewResultTypeNorKeepsAReporterHeardFrom() throws Exception {
        Fixtures history = new Fixtures();
        for (int d = 20; d >= 6; d--) {
            history.report("Google Inc.", DOMAIN, today.minusDays(d), 100, new Detail("starttls-not-supported", 1));
        }
        history.writeTo(database);
        // a forgery posted first counts (a new result type, and Google heard from yesterday) until the signed mail
        // of the same identity, about another domain, displaces it: its rows are retracted and sum to 0
        new Fixtures().atOffset(100).report("Google Inc.", DOMAIN, today.minusDays(1), 100,
                new Detail("certificate-expired", 9)).writeTo(database);
        new Fixtures().atOffset(101).report("Google Inc.", "other.example", today.minusDays(1), 100)
                .writeSignedTo(database);
        Webhook webhook = webhook("json");
        rule("new-result-type", webhook, null, null, null);
        rule("reporter-silent", webhook, null, 3, null);

        AlertEvaluator.Evaluation evaluation = evaluator().evaluate();

        assertThat(evaluation.events()).extracting(AlertEvent::conditionKey).containsExactly(DOMAIN + "|Google Inc.");
        assertThat(evaluation.events().get(0).summary()).contains(today.minusDays(6).toString());
    }

    @Test
    void aSpikeAboveKTimesTheBaselineFiresOnceAndASmallerDayDoesNot() throws Exception {
        Fixtures fixtures = new Fixtures();
        for (int d = 29; d >= 2; d--) { // the 28 days before the window (from yesterday): 2 failed sessions a day
            fixtures.report("Google Inc.", DOMAIN, today.minusDays(d), 100, new Detail("certificate-expired", 2));
            fixtures.report("Google Inc.", "steady.example", today.minusDays(d), 100,
                    new Detail("certificate-expired", 2));
        }
        fixtures.report("Google Inc.", DOMAIN, today.minusDays(1), 100, new Detail("certificate-expired", 50));
        fixtures.report("Google Inc.", "steady.example", today.minusDays(1), 100, new Detail("certificate-expired", 5));
        fixtures.writeTo(database);
        Webhook webhook = webhook("json");
        alerts.rules().create(Scope.all(), new RuleInput("spikes", "failure-spike", null, List.of(webhook.id()), null,
                null, null, null, 3.0, 28, null, null, null));

        AlertEvaluator.Evaluation first = evaluator().evaluate();
        evaluator().evaluate();

        assertThat(first.events()).extracting(AlertEvent::domain).containsExactly(DOMAIN);
        assertThat(first.events().get(0).details()).containsEntry("failedSessions", 50L)
                .containsEntry("baselineDailyMean", 2.0);
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aReceiverAnswering500IsRetriedWithBackoffUntilItAcceptsAndEveryAttemptIsLogged() throws Exception {
        new Fixtures().report("Google Inc.", DOMAIN, today.minusDays(1), 10, new Detail("certificate-expired", 90))
                .writeTo(database);
        Webhook webhook = webhook("json");
        rule("failure-rate", webhook, 0.5, null, null);
        receiver.answer(500, 503);

        evaluator().evaluate();

        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.requests()).extracting(r -> r.header("X-Tlsrpt-Event-Id")).containsOnly(
                receiver.requests().get(0).header("X-Tlsrpt-Event-Id"));
        assertThat(receiver.requests()).extracting(r -> new String(r.body())).containsOnly(
                new String(receiver.requests().get(0).body()));
        List<DeliveryAttempt> log = alerts.webhooks().deliveries(Scope.all(), webhook.id(), 10);
        assertThat(log).extracting(a -> a.attempt() + " " + a.status() + " " + a.outcome())
                .containsExactlyInAnyOrder("1 500 retrying", "2 503 retrying", "3 200 delivered");
        assertThat(log).filteredOn(a -> a.status() == 500).singleElement()
                .satisfies(a -> assertThat(a.error()).contains("HTTP 500", "receiver says 500"));
        assertThat(log).extracting(DeliveryAttempt::deliveryId).containsOnly(log.get(0).deliveryId());
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheLastAttempt() throws Exception {
        new Fixtures().report("Google Inc.", DOMAIN, today.minusDays(1), 10, new Detail("certificate-expired", 90))
                .writeTo(database);
        Webhook webhook = webhook("json");
        rule("failure-rate", webhook, 0.5, null, null);
        receiver.answer(500, 500, 500, 500, 500);

        evaluator().evaluate();

        assertThat(receiver.requests()).hasSize(4);
        assertThat(alerts.webhooks().deliveries(Scope.all(), webhook.id(), 10)).extracting(DeliveryAttempt::outcome)
                .containsExactlyInAnyOrder("retrying", "retrying", "retrying", "failed");
    }

    @Test
    void privateAndLoopbackTargetsAreRefusedByDefaultWhenAWebhookIsCreated() {
        Alerts defaults = new Alerts(database, AlertSettings.defaults(), new TargetPolicy(false, List.of()), clock);
        for (String url : List.of(receiver.url("/hook"), "http://[::1]:8080/", "http://10.1.2.3/",
                "http://172.16.0.1/", "http://192.168.0.1/", "http://169.254.169.254/latest/meta-data/",
                "http://localhost:8080/", "http://100.64.0.1/", "http://[fd00::1]/", "ftp://example.com/")) {
            assertThatThrownBy(() -> defaults.webhooks().create(Scope.all(), new WebhookInput("x", url, "json", null)))
                    .as(url).isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).containsAnyOf("public addresses", "http or https");
                    });
        }
    }

    @Test
    void aTargetThatBecameLoopbackIsRefusedAtDeliveryTimeAndNothingIsSent() throws Exception {
        new Fixtures().report("Google Inc.", DOMAIN, today.minusDays(1), 10, new Detail("certificate-expired", 90))
                .writeTo(database);
        Webhook webhook = webhook("json"); // accepted while loopback was allowed
        rule("failure-rate", webhook, 0.5, null, null);

        evaluator("instance-1", new TargetPolicy(false, List.of())).evaluate();

        assertThat(receiver.requests()).isEmpty();
        assertThat(alerts.webhooks().deliveries(Scope.all(), webhook.id(), 10)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("refused");
            assertThat(a.error()).contains("127.0.0.1", "loopback");
        });
    }

    @Test
    void aSecondInstanceDoesNotEvaluateWhileTheFirstHoldsTheLease() throws Exception {
        new Fixtures().report("Google Inc.", DOMAIN, today.minusDays(1), 10, new Detail("certificate-expired", 90))
                .writeTo(database);
        rule("failure-rate", webhook("json"), 0.5, null, null);

        AlertEvaluator.Evaluation one = evaluator("instance-1", loopbackAllowed).evaluate();
        AlertEvaluator.Evaluation two = evaluator("instance-2", loopbackAllowed).evaluate();
        clock.set(clock.instant().plus(Duration.ofMinutes(5))); // instance-1 stopped renewing: the lease expired
        AlertEvaluator.Evaluation takeover = evaluator("instance-2", loopbackAllowed).evaluate();

        assertThat(one.ran()).isTrue();
        assertThat(two.ran()).isFalse();
        assertThat(takeover.ran()).isTrue();
        assertThat(takeover.events()).isEmpty(); // the condition's state is shared: no second delivery
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aTenantSeesAndChangesOnlyRulesAndWebhooksWithinItsDomains() throws Exception {
        Scope tenantA = Scope.of(List.of("a.example"));
        Scope tenantB = Scope.of(List.of("b.example"));
        Webhook hookA = alerts.webhooks().create(tenantA, new WebhookInput("a", receiver.url("/a"), null, null));
        AlertRule ruleA = alerts.rules().create(tenantA, new RuleInput("a", "failure-rate", "a.example",
                List.of(hookA.id()), 0.1, null, null, null, null, null, null, null, null));

        assertThat(alerts.rules().list(tenantB)).isEmpty();
        assertThat(alerts.webhooks().list(tenantB)).isEmpty();
        assertThat(alerts.rules().list(Scope.all())).extracting(AlertRule::id).containsExactly(ruleA.id());
        assertThatThrownBy(() -> alerts.rules().get(tenantB, ruleA.id()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> alerts.rules().delete(tenantB, ruleA.id())).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> alerts.webhooks().deliveries(tenantB, hookA.id(), 10))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> alerts.rules().create(tenantB, new RuleInput("b", "failure-rate", "b.example",
                List.of(hookA.id()), 0.1, null, null, null, null, null, null, null, null)))
                .hasMessageContaining("unknown webhook id");
        assertThatThrownBy(() -> alerts.rules().create(tenantB, new RuleInput("b", "failure-rate", "a.example",
                List.of(hookA.id()), 0.1, null, null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    /**
     * Hole 1 of issue 12: an all-domains token creates rule R for a.example; an a.example-only token PUTs R without a
     * domain and with its own webhook. Before the fix R kept its all-domains owner, was then evaluated over every
     * domain, and the tenant's webhook heard of b.example.
     */
    @Test
    void aScopedTokenCannotWidenAnAdministratorsRuleToEveryDomain() throws Exception {
        new Fixtures().report("Google Inc.", "a.example", today.minusDays(1), 10, new Detail("certificate-expired", 90))
                .report("Google Inc.", "b.example", today.minusDays(1), 10, new Detail("certificate-expired", 90))
                .writeTo(database);
        Scope tenantA = Scope.of(List.of("a.example"));
        Webhook adminHook = alerts.webhooks().create(Scope.all(), new WebhookInput("admin", receiver.url("/admin"),
                null, null));
        AlertRule rule = alerts.rules().create(Scope.all(), new RuleInput("a only", "failure-rate", "a.example",
                List.of(adminHook.id()), 0.5, null, null, null, null, null, null, null, null));
        Webhook tenantHook = alerts.webhooks().create(tenantA, new WebhookInput("tenant", receiver.url("/tenant"),
                null, null));

        RuleInput widened = new RuleInput("a only", "failure-rate", null, List.of(tenantHook.id()), 0.5, null, null,
                null, null, null, null, null, null);
        assertThatThrownBy(() -> alerts.rules().update(tenantA, rule.id(), widened))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> alerts.rules().delete(tenantA, rule.id()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(alerts.rules().list(tenantA)).isEmpty();
        evaluator().evaluate();

        assertThat(alerts.rules().get(Scope.all(), rule.id())).satisfies(r -> {
            assertThat(r.domain()).isEqualTo("a.example");
            assertThat(r.webhookIds()).containsExactly(adminHook.id());
        });
        assertThat(receiver.requests()).extracting(Receiver.Request::path).containsExactly("/admin");
        assertThat(new String(receiver.requests().get(0).body())).doesNotContain("b.example");
    }

    /**
     * The evaluator's own guard: even a rule over every domain (here made by an administrator, as a row the attack
     * above left behind would be) tells a tenant's webhook only of the tenant's domains.
     */
    @Test
    void aWebhookHearsOnlyOfDomainsItsOwnerMaySeeWhateverRuleNamesIt() throws Exception {
        new Fixtures().report("Google Inc.", "a.example", today.minusDays(1), 10, new Detail("certificate-expired", 90))
                .report("Google Inc.", "b.example", today.minusDays(1), 10, new Detail("certificate-expired", 90))
                .writeTo(database);
        Webhook adminHook = alerts.webhooks().create(Scope.all(), new WebhookInput("admin", receiver.url("/admin"),
                null, null));
        Webhook tenantHook = alerts.webhooks().create(Scope.of(List.of("a.example")),
                new WebhookInput("tenant", receiver.url("/tenant"), null, null));
        alerts.rules().create(Scope.all(), new RuleInput("every domain", "failure-rate", null,
                List.of(adminHook.id(), tenantHook.id()), 0.5, null, null, null, null, null, null, null, null));

        AlertEvaluator.Evaluation evaluation = evaluator().evaluate();

        assertThat(evaluation.events()).extracting(AlertEvent::domain).containsExactlyInAnyOrder("a.example",
                "b.example");
        List<Receiver.Request> toTenant = receiver.requests().stream().filter(r -> r.path().equals("/tenant"))
                .toList();
        assertThat(toTenant).singleElement().satisfies(r -> assertThat(new String(r.body()))
                .contains("a.example").doesNotContain("b.example"));
        assertThat(receiver.requests()).filteredOn(r -> r.path().equals("/admin")).hasSize(2);
    }

    /**
     * The weekly digest of the ISO week before last Tuesday (2 to 8 November), over reports the processor wrote: the
     * week's sessions and failure rate against the week before, the result type first reported that week, the
     * reporter that went quiet, and what a.example's newest check finds failing now (b.example, never checked:
     * nothing). Sent once that week, across a restart on another instance, and once more for the next week from the
     * Tuesday after; a tenant's webhook hears only of its own domain.
     */
    @Test
    void aWeeklyDigestIsSentOncePerWeekAndATenantsWebhookSeesOnlyItsDomains() throws Exception {
        Fixtures reports = new Fixtures();
        LocalDate monday = LocalDate.of(2026, 11, 2);
        for (int day = -7; day < 7; day++) {
            LocalDate date = monday.plusDays(day);
            reports.report("Google Inc.", "a.example", date, 1000, day >= 3
                    ? new Detail[] {new Detail("starttls-not-supported", 10), new Detail("certificate-expired", 30)}
                    : new Detail[] {new Detail("starttls-not-supported", 10)});
        }
        reports.report("Microsoft Corporation", "a.example", monday.minusDays(6), 500)
                .report("Google Inc.", "b.example", monday.plusDays(1), 100).writeTo(database);
        CheckHistory checks = new CheckHistory(database);
        checks.save(new DomainCheck("a.example", Instant.parse("2026-11-09T06:00:00Z"), List.of(
                CheckResult.of(Check.STARTTLS, "mx1.a.example", ResultType.MX_UNREACHABLE, "refused"))),
                CheckHistory.Trigger.SCHEDULED);
        Instant lastChecked = Instant.parse("2026-11-10T06:00:00Z"); // the newest check is the one that counts
        checks.save(new DomainCheck("a.example", lastChecked, List.of(
                CheckResult.of(Check.STARTTLS, "mx1.a.example", ResultType.STARTTLS_NOT_SUPPORTED, "no STARTTLS"),
                CheckResult.of(Check.STARTTLS, "mx2.a.example", ResultType.OK, "TLSv1.3"))),
                CheckHistory.Trigger.SCHEDULED);
        Webhook adminHook = alerts.webhooks().create(Scope.all(), new WebhookInput("admin", receiver.url("/admin"),
                "json", null));
        Webhook tenantHook = alerts.webhooks().create(Scope.of(List.of("a.example")),
                new WebhookInput("tenant", receiver.url("/tenant"), "slack", null));
        AlertRule rule = alerts.rules().create(Scope.all(), new RuleInput("weekly", "weekly-digest", null,
                List.of(adminHook.id(), tenantHook.id()), null, null, null, null, null, null, null, true, null));
        assertThat(rule.notifyResolved()).isFalse();

        AlertEvaluator.Evaluation first = evaluator().evaluate();
        AlertEvaluator.Evaluation again = evaluator().evaluate();

        assertThat(first.events()).singleElement().satisfies(e -> assertThat(e.conditionKey())
                .isEqualTo("week|2026-11-02"));
        assertThat(again.events()).isEmpty();
        List<Receiver.Request> toAdmin = receiver.requests().stream().filter(r -> r.path().equals("/admin")).toList();
        assertThat(toAdmin).hasSize(1);
        JsonNode digest = JSON.readTree(toAdmin.get(0).body());
        assertThat(digest.at("/rule/kind").asText()).isEqualTo("weekly-digest");
        assertThat(digest.at("/details/weekFrom").asText()).isEqualTo("2026-11-02");
        assertThat(digest.at("/details/weekTo").asText()).isEqualTo("2026-11-08");
        JsonNode a = digest.at("/details/domains/0");
        assertThat(a.get("domain").asText()).isEqualTo("a.example");
        assertThat(a.get("successfulSessions").asLong()).isEqualTo(7000);
        assertThat(a.get("failedSessions").asLong()).isEqualTo(7 * 10 + 4 * 30);
        assertThat(a.get("failureRate").asDouble()).isCloseTo(190.0 / 7190, within(1e-9));
        assertThat(a.get("previousFailureRate").asDouble()).isCloseTo(70.0 / 7570, within(1e-9));
        assertThat(a.get("failureRateChange").asDouble()).isCloseTo(190.0 / 7190 - 70.0 / 7570, within(1e-9));
        assertThat(a.get("newResultTypes")).extracting(JsonNode::asText).containsExactly("certificate-expired");
        assertThat(a.get("silentReporters")).extracting(JsonNode::asText).containsExactly("Microsoft Corporation");
        assertThat(a.get("failingNow")).extracting(JsonNode::asText).containsExactly("starttls-not-supported");
        assertThat(a.get("lastChecked").asText()).isEqualTo(lastChecked.toString());
        JsonNode b = digest.at("/details/domains/1");
        assertThat(b.get("domain").asText()).isEqualTo("b.example");
        assertThat(b.get("successfulSessions").asLong()).isEqualTo(100);
        assertThat(b.get("previousFailureRate").isNull()).isTrue();
        assertThat(b.get("failingNow")).isEmpty();
        assertThat(b.get("lastChecked").isNull()).isTrue();
        assertThat(digest.get("summary").asText()).contains("a.example: 7190 sessions", "certificate-expired",
                "Microsoft Corporation", "failing now: starttls-not-supported", "b.example: 100 sessions");

        List<Receiver.Request> toTenant = receiver.requests().stream().filter(r -> r.path().equals("/tenant"))
                .toList();
        assertThat(toTenant).singleElement().satisfies(r -> assertThat(JSON.readTree(r.body()).get("text").asText())
                .contains("weekly digest", "2026-11-02 to 2026-11-08", "a.example: 7190 sessions")
                .doesNotContain("b.example"));

        clock.set(Instant.parse("2026-11-16T23:59:00Z")); // Monday: the next week is not complete with its reports
        assertThat(evaluator("instance-2", loopbackAllowed).evaluate().events()).isEmpty();
        clock.set(Instant.parse("2026-11-17T00:01:00Z"));
        AlertEvaluator.Evaluation next = evaluator("instance-2", loopbackAllowed).evaluate();

        assertThat(next.events()).singleElement().satisfies(e -> {
            assertThat(e.conditionKey()).isEqualTo("week|2026-11-09");
            assertThat(e.fired()).isTrue();
            assertThat(e.summary()).contains("a.example: 0 sessions", "silent reporters: Google Inc.");
        });
        assertThat(receiver.requests()).hasSize(4);
        assertThat(receiver.requests().stream().map(r -> r.header("X-Tlsrpt-Event-Id")).distinct()).hasSize(2);
    }

    @Test
    void anAdministratorCannotPointATenantsRuleOutsideTheTenantsDomains() throws Exception {
        Scope tenantA = Scope.of(List.of("a.example"));
        Webhook tenantHook = alerts.webhooks().create(tenantA, new WebhookInput("tenant", receiver.url("/tenant"),
                null, null));
        Webhook adminHook = alerts.webhooks().create(Scope.all(), new WebhookInput("admin", receiver.url("/admin"),
                null, null));
        AlertRule rule = alerts.rules().create(tenantA, new RuleInput("mine", "failure-rate", "a.example",
                List.of(tenantHook.id()), 0.5, null, null, null, null, null, null, null, null));

        assertThatThrownBy(() -> alerts.rules().update(Scope.all(), rule.id(), new RuleInput("mine", "failure-rate",
                "b.example", List.of(tenantHook.id()), 0.5, null, null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> alerts.rules().update(Scope.all(), rule.id(), new RuleInput("mine", "failure-rate",
                "a.example", List.of(adminHook.id()), 0.5, null, null, null, null, null, null, null, null)))
                .hasMessageContaining("unknown webhook id");
        AlertRule renamed = alerts.rules().update(Scope.all(), rule.id(), new RuleInput("renamed", "failure-rate",
                null, List.of(tenantHook.id()), 0.5, null, null, null, null, null, null, null, null));
        assertThat(renamed.owner()).isEqualTo(tenantA);
        assertThat(renamed.evaluatedScope()).isEqualTo(tenantA);
    }

    @Test
    void rulesAndWebhooksAreUpdatedAndDeletedAndAWebhookInUseIsKept() throws Exception {
        Webhook webhook = webhook("json");
        AlertRule rule = rule("failure-rate", webhook, 0.1, null, null);

        AlertRule updated = alerts.rules().update(Scope.all(), rule.id(), new RuleInput("renamed", "failure-rate",
                DOMAIN, List.of(webhook.id()), 0.2, "7d", 50L, null, null, null, null, false, true));
        Webhook changed = alerts.webhooks().update(Scope.all(), webhook.id(),
                new WebhookInput("pager 2", receiver.url("/other"), "slack", null));

        assertThat(alerts.rules().get(Scope.all(), rule.id())).satisfies(r -> {
            assertThat(r.name()).isEqualTo("renamed");
            assertThat(r.threshold()).isEqualTo(0.2);
            assertThat(r.window()).isEqualTo(Duration.ofDays(7));
            assertThat(r.minSessions()).isEqualTo(50);
            assertThat(r.notifyResolved()).isFalse();
            assertThat(r.createdAt()).isEqualTo(rule.createdAt());
        });
        assertThat(updated.id()).isEqualTo(rule.id());
        assertThat(alerts.webhooks().get(Scope.all(), webhook.id()).secret()).isEqualTo(webhook.secret());
        assertThat(changed.url()).isEqualTo(URI.create(receiver.url("/other")));
        assertThatThrownBy(() -> alerts.webhooks().delete(Scope.all(), webhook.id()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));

        alerts.rules().delete(Scope.all(), rule.id());
        alerts.webhooks().delete(Scope.all(), webhook.id());
        assertThat(alerts.rules().list(Scope.all())).isEmpty();
        assertThat(alerts.webhooks().list(Scope.all())).isEmpty();
    }
}
