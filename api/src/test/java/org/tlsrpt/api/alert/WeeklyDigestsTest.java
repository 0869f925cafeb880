package org.tlsrpt.api.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.auth.Scope;

class WeeklyDigestsTest {

    @Test
    void aWeeksDigestIsDueFromTheTuesdayAfterItsSunday() {
        assertThat(WeeklyDigests.dueWeek(LocalDate.of(2026, 11, 17))).isEqualTo(LocalDate.of(2026, 11, 9));
        assertThat(WeeklyDigests.dueWeek(LocalDate.of(2026, 11, 16))).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(WeeklyDigests.dueWeek(LocalDate.of(2026, 11, 15))).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(WeeklyDigests.dueWeek(LocalDate.of(2026, 11, 10))).isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void aDigestOverManyDomainsListsTheWorstHundredAndCountsTheRest() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            rows.add(row("d" + i + ".example", 150 - i));
        }
        AlertEvent event = digest(rows);

        AlertEvent delivered = event.visibleTo(Scope.all());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) delivered.details().get("domains");
        assertThat(listed).hasSize(WeeklyDigests.MAX_DOMAINS);
        assertThat(listed.get(0).get("domain")).isEqualTo("d0.example");
        assertThat(delivered.details().get("domainsOmitted")).isEqualTo(50);
        assertThat(delivered.summary()).contains("d99.example").doesNotContain("d100.example")
                .endsWith("and 50 more domains with fewer failed sessions");
    }

    @Test
    void aWebhookOwnerSeesOnlyItsDomainsAndNothingWhenItHasNone() {
        AlertEvent event = digest(List.of(row("a.example", 5), row("b.example", 3)));

        AlertEvent tenant = event.visibleTo(Scope.of(List.of("b.example")));

        assertThat(tenant.summary()).contains("b.example").doesNotContain("a.example");
        assertThat(tenant.id()).isEqualTo(event.id());
        assertThat(event.visibleTo(Scope.of(List.of("c.example")))).isNull();
        assertThat(event.visibleTo(Scope.all())).isSameAs(event);
    }

    private static AlertEvent digest(List<Map<String, Object>> rows) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("weekFrom", "2026-11-02");
        details.put("weekTo", "2026-11-08");
        details.put("domains", rows);
        details.put("domainsOmitted", 0);
        return new AlertEvent("e1", AlertEvent.FIRED, "r1", "weekly", RuleKind.WEEKLY_DIGEST, "", "week|2026-11-02",
                WeeklyDigests.summary(details), details, Instant.parse("2026-11-10T00:00:00Z"));
    }

    private static Map<String, Object> row(String domain, long failed) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("domain", domain);
        row.put("successfulSessions", 1000L);
        row.put("failedSessions", failed);
        row.put("failureRate", failed / (1000.0 + failed));
        row.put("previousFailureRate", null);
        row.put("failureRateChange", null);
        row.put("newResultTypes", List.of());
        row.put("silentReporters", List.of());
        row.put("failingNow", List.of());
        row.put("lastChecked", null);
        return row;
    }
}
