package org.tlsrpt.api.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Anyone may post a report naming any policy domain: a flood of reports with fresh names must neither push the
 * domains someone chose out of a round nor make the collector probe thousands of hosts an attacker picked.
 */
class ScheduledChecksDueTest {

    static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    static final ScheduledChecks.Settings SETTINGS =
            new ScheduledChecks.Settings(Duration.ofHours(6), List.of("configured.example"), 30, 500, 4, 100);

    @Test
    void aFloodOfFreshReportedDomainsStarvesNeitherConfiguredNorNamedDomains() {
        // never checked, so before the fix these came first and filled the round (max-domains 500)
        Set<String> flood = IntStream.range(0, 10_000).mapToObj(i -> "attacker-" + i + ".example")
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> reported = new TreeSet<>(flood);
        reported.add("configured.example");
        Set<String> chosen = Set.of("configured.example", "token-scope.example", "alert-rule.example");
        // the chosen were checked 7 h ago: due, but after every never-checked domain by age alone
        Map<String, Instant> last = Map.of("configured.example", NOW.minus(Duration.ofHours(7)),
                "token-scope.example", NOW.minus(Duration.ofHours(7)),
                "alert-rule.example", NOW.minus(Duration.ofHours(7)));

        List<String> due = ScheduledChecks.due(chosen, reported, last, NOW, SETTINGS);

        assertThat(due.subList(0, 3)).containsExactlyInAnyOrder("configured.example", "token-scope.example",
                "alert-rule.example");
        assertThat(due).hasSize(3 + 100).doesNotHaveDuplicates();
        assertThat(due.subList(3, due.size())).allMatch(flood::contains);
    }

    @Test
    void domainsCheckedWithinTheIntervalAreNotDue() {
        Map<String, Instant> last = Map.of("configured.example", NOW.minus(Duration.ofHours(1)),
                "reported.example", NOW.minus(Duration.ofHours(1)));
        assertThat(ScheduledChecks.due(Set.of("configured.example"), Set.of("reported.example", "fresh.example"),
                last, NOW, SETTINGS)).containsExactly("fresh.example");
    }

    @Test
    void namesNoSenderCouldResolveAreNeverDue() {
        assertThat(ScheduledChecks.due(Set.of("localhost"), Set.of("not..a.domain", "ok.example"), Map.of(), NOW,
                SETTINGS)).containsExactly("ok.example");
    }
}
