package org.tlsrpt.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A domain chooses its MX hosts and how slowly they answer: neither may stretch one check without bound. */
class DomainCheckerBoundsTest {

    @Test
    void onlyTheMostPreferredMxHostsAreProbedAndTheRestReported() {
        List<String> hosts = IntStream.range(0, 300).mapToObj(i -> "mx" + i + ".victim.example").toList();
        List<CheckResult> results = new ArrayList<>();

        List<String> probed = DomainChecker.probed("many.example", hosts, 10, results);

        assertThat(probed).isEqualTo(hosts.subList(0, 10));
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.resultType()).isEqualTo(ResultType.MX_NOT_PROBED);
            assertThat(result.detail()).startsWith("290 MX hosts");
        });
    }

    @Test
    void aFewMxHostsAreAllProbed() {
        List<CheckResult> results = new ArrayList<>();
        assertThat(DomainChecker.probed("few.example", List.of("a.example", "b.example"), 10, results))
                .containsExactly("a.example", "b.example");
        assertThat(results).isEmpty();
    }

    @Test
    @Timeout(60) // with a bound per wait instead of one per check, the waits below take 2 × 240 s
    void oncePastTheCheckDeadlineNoWaitTakesItsOwnBound() throws IOException {
        try (DomainChecker checker = new DomainChecker(CheckSettings.DEFAULTS, Clock.systemUTC())) {
            long passed = System.nanoTime();
            List<CompletableFuture<List<CheckResult>>> hanging = List.of(new CompletableFuture<>(),
                    new CompletableFuture<>());
            for (CompletableFuture<List<CheckResult>> task : hanging) {
                List<CheckResult> results = checker.await(task, passed, Check.STARTTLS, "slow.example", r -> r);
                assertThat(results).singleElement().satisfies(result -> {
                    assertThat(result.resultType()).isEqualTo(ResultType.VALIDATION_FAILURE);
                    assertThat(result.detail()).contains("not finished");
                });
                assertThat(task).isCancelled();
            }
        }
    }
}
