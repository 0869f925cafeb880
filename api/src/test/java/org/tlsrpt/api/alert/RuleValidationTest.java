package org.tlsrpt.api.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.owned.Ownership;
import org.tlsrpt.api.owned.ProblemException;

class RuleValidationTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Scope TENANT = Scope.of(List.of("a.example"));

    private static AlertRule validate(RuleInput input, Scope owner) {
        return RuleValidation.validate(input, "id", owner, Set.of("w1"), NOW, NOW);
    }

    private static RuleInput rate(String domain, Double threshold, String window) {
        return new RuleInput("rate", "failure-rate", domain, List.of("w1"), threshold, window, null, null, null, null,
                null, null, null);
    }

    @Test
    void aFailureRateRuleTakesItsThresholdWindowAndDefaults() {
        AlertRule rule = validate(rate("A.Example.", 0.05, "36h"), TENANT);
        assertThat(rule.kind()).isEqualTo(RuleKind.FAILURE_RATE);
        assertThat(rule.domain()).isEqualTo("a.example");
        assertThat(rule.threshold()).isEqualTo(0.05);
        assertThat(rule.window()).isEqualTo(Duration.ofHours(36));
        assertThat(rule.minSessions()).isEqualTo(1);
        assertThat(rule.notifyResolved()).isTrue();
        assertThat(RuleValidation.format(rule.window())).isEqualTo("36h");
    }

    @Test
    void everyErrorIsNamedInOneProblem() {
        RuleInput bad = new RuleInput("", "failure-rate", "not a domain", List.of("nope"), 1.5, "3 weeks", null, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> validate(bad, Scope.all())).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).hasSize(5).anySatisfy(m -> assertThat(m).contains("name is required"))
                    .anySatisfy(m -> assertThat(m).contains("domain"))
                    .anySatisfy(m -> assertThat(m).contains("unknown webhook id 'nope'"))
                    .anySatisfy(m -> assertThat(m).contains("threshold"))
                    .anySatisfy(m -> assertThat(m).contains("window"));
        });
    }

    @Test
    void anUnknownKindAndMissingKindParametersAreRefused() {
        assertThatThrownBy(() -> validate(new RuleInput("x", "storm", null, List.of("w1"), null, null, null, null,
                null, null, null, null, null), Scope.all())).hasMessageContaining("kind must be one of");
        assertThatThrownBy(() -> validate(new RuleInput("x", "reporter-silent", null, List.of("w1"), null, null, null,
                null, null, null, null, null, null), Scope.all())).hasMessageContaining("silentDays is required");
        assertThatThrownBy(() -> validate(new RuleInput("x", "failure-spike", null, List.of("w1"), null, null, null,
                null, 0.5, null, null, null, null), Scope.all())).hasMessageContaining("factor must be 1..1000");
    }

    @Test
    void aDomainOutsideTheCallersScopeIsForbidden() {
        assertThatThrownBy(() -> validate(rate("b.example", 0.1, null), TENANT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void aRuleWithoutDomainCoversItsOwnersDomains() {
        AlertRule rule = validate(rate(null, 0.1, null), TENANT);
        assertThat(rule.domain()).isNull();
        assertThat(rule.evaluatedScope()).isEqualTo(TENANT);
    }

    @Test
    void aScopedCallerReachesOnlyRulesWhoseOwnerItCoversEvenForOneOfItsDomains() {
        AlertRule ofA = validate(rate("a.example", 0.1, null), Scope.all());
        AlertRule allOfTenant = validate(rate(null, 0.1, null), TENANT);
        AlertRule global = validate(rate(null, 0.1, null), Scope.all());
        Scope other = Scope.of(List.of("b.example"));
        // an administrator's rule for a.example is not the tenant's to change (it would borrow the wider owner)
        assertThat(Ownership.covers(TENANT, ofA.owner())).isFalse();
        assertThat(Ownership.covers(TENANT, allOfTenant.owner())).isTrue();
        assertThat(Ownership.covers(TENANT, global.owner())).isFalse();
        assertThat(Ownership.covers(other, allOfTenant.owner())).isFalse();
        assertThat(Ownership.covers(Scope.all(), allOfTenant.owner())).isTrue();
        assertThat(Ownership.covers(Scope.of(List.of("a.example", "b.example")), allOfTenant.owner())).isTrue();
    }

    @Test
    void aRuleNeverEvaluatesADomainOutsideItsOwner() {
        AlertRule legacy = new AlertRule("r", "legacy", RuleKind.FAILURE_RATE, "b.example", TENANT, 0.1,
                Duration.ofDays(1), 1, 0, 0, 28, 1, List.of("w1"), true, true, NOW, NOW);
        assertThat(legacy.evaluatedScope().allDomains()).isFalse();
        assertThat(legacy.evaluatedScope().domains()).isEmpty();
    }
}
