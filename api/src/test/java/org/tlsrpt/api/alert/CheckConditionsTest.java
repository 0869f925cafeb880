package org.tlsrpt.api.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.checks.Check;
import org.tlsrpt.checks.CheckResult;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.ResultType;

/** The conditions of certificate-expiring and check-failing over checks given newest first. */
class CheckConditionsTest {

    private static DomainCheck check(String at, CheckResult... results) {
        return new DomainCheck("example.com", Instant.parse(at), List.of(results));
    }

    private static CheckResult expiry(String mx, long daysLeft) {
        return new CheckResult(Check.CERTIFICATE_EXPIRY, mx, daysLeft < 0 ? ResultType.CERTIFICATE_EXPIRED
                : daysLeft < 14 ? ResultType.CERTIFICATE_EXPIRING : ResultType.OK, "…",
                Map.of("daysLeft", Long.toString(daysLeft), "notAfter", "2026-12-20T00:00:00Z"));
    }

    @Test
    void certificateExpiringFiresPerMxAtOrBelowTheDaysOfTheNewestCheckOnly() {
        Map<String, List<DomainCheck>> recent = Map.of("example.com", List.of(
                check("2026-12-06T00:00:00Z", expiry("mx1.example.com", 30), expiry("mx2.example.com", 10),
                        expiry("mx3.example.com", -2)),
                check("2026-12-05T00:00:00Z", expiry("mx1.example.com", 3))));
        List<Condition> conditions = CheckConditions.certificateExpiring(recent, 10);
        assertThat(conditions).extracting(Condition::key)
                .containsExactly("example.com|mx2.example.com", "example.com|mx3.example.com");
        assertThat(conditions.get(0).summary()).contains("10 days left");
        assertThat(conditions.get(1).summary()).contains("expired");
        assertThat(CheckConditions.certificateExpiring(recent, 9)).hasSize(1);
    }

    @Test
    void checkFailingNeedsTheSameCheckNotOkInEachOfTheNewestRuns() {
        CheckResult down = CheckResult.of(Check.STARTTLS, "mx1.example.com", ResultType.MX_UNREACHABLE, "refused");
        CheckResult up = CheckResult.of(Check.STARTTLS, "mx1.example.com", ResultType.OK, "TLSv1.3");
        CheckResult noStarttls = CheckResult.of(Check.STARTTLS, "mx1.example.com",
                ResultType.STARTTLS_NOT_SUPPORTED, "not offered");
        Map<String, List<DomainCheck>> twice = Map.of("example.com", List.of(check("2026-12-06T00:00:00Z", down),
                check("2026-12-05T18:00:00Z", noStarttls), check("2026-12-05T12:00:00Z", up)));
        assertThat(CheckConditions.checkFailing(twice, 2)).extracting(Condition::key)
                .containsExactly("example.com|starttls|mx1.example.com");
        assertThat(CheckConditions.checkFailing(twice, 3)).isEmpty();
        Map<String, List<DomainCheck>> once = Map.of("example.com", List.of(check("2026-12-06T00:00:00Z", down)));
        assertThat(CheckConditions.checkFailing(once, 2)).isEmpty();
        assertThat(CheckConditions.checkFailing(once, 1)).hasSize(1);
    }
}
