package org.tlsrpt.core.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tlsrpt.core.model.DateRange;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.Policy;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.model.PolicyType;
import org.tlsrpt.core.model.ResultType;
import org.tlsrpt.core.model.Summary;
import org.tlsrpt.core.model.TlsReport;

/** Generators of valid, already-normal reports: what the parser produces for a report without findings. */
final class ReportArbitraries {

    private ReportArbitraries() {
    }

    /** Trimmed, non-empty text with quotes, backslashes, control characters and non-ASCII letters. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars(" .:-_@+\"\\/\té€😀").ofMinLength(1).ofMaxLength(24)
                .map(String::trim).filter(s -> !s.isEmpty());
    }

    static Arbitrary<String> domain() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("-_")
                .ofMinLength(1).ofMaxLength(12);
        return label.list().ofMinSize(1).ofMaxSize(3)
                .map(labels -> String.join(".", labels) + ".example");
    }

    static Arbitrary<String> mxHost() {
        return Combinators.combine(Arbitraries.of("", "*."), domain()).as(String::concat);
    }

    static Arbitrary<String> ipAddress() {
        Arbitrary<String> v4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(parts -> parts.get(0) + "." + parts.get(1) + "." + parts.get(2) + "." + parts.get(3));
        Arbitrary<String> v6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
                .map(groups -> {
                    List<String> hex = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        // zero runs are common in real addresses and exercise compression
                        hex.add(Integer.toHexString(i % 3 == 1 ? 0 : groups.get(i)));
                    }
                    return IpAddress.canonical(String.join(":", hex));
                });
        return Arbitraries.oneOf(v4, v6);
    }

    static Arbitrary<Instant> instant() {
        return Combinators.combine(Arbitraries.longs().between(0, 4_102_444_800L),
                        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999)))
                .as(Instant::ofEpochSecond);
    }

    static Arbitrary<DateRange> dateRange() {
        return Combinators.combine(instant(), Arbitraries.longs().between(0, 40L * 86_400))
                .as((start, length) -> new DateRange(start, start.plusSeconds(length)));
    }

    static Arbitrary<FailureDetail> failureDetail() {
        Arbitrary<ResultType> type = Arbitraries.of(ResultType.class).filter(t -> t != ResultType.UNKNOWN);
        return Combinators.combine(type, ipAddress().injectNull(0.3), domain().injectNull(0.3), text().injectNull(0.7),
                        ipAddress().injectNull(0.3), Arbitraries.longs().between(0, 1_000_000), text().injectNull(0.6),
                        text().injectNull(0.5))
                .as((t, sending, mx, helo, receiving, count, info, reason) ->
                        new FailureDetail(t, t.rfcName(), sending, mx, helo, receiving, count, info, reason));
    }

    static Arbitrary<PolicyResult> policyResult(boolean emptyListsAllowed) {
        Arbitrary<PolicyType> type = Arbitraries.of(PolicyType.class).filter(t -> t != PolicyType.UNKNOWN);
        Arbitrary<String> line = text().filter(s -> !s.startsWith("["));
        Arbitrary<Policy> policy = Combinators.combine(type, line.list().ofMinSize(emptyListsAllowed ? 0 : 1).ofMaxSize(4),
                        domain(), mxHost().list().ofMinSize(emptyListsAllowed ? 0 : 1).ofMaxSize(3))
                .as((t, strings, domain, mx) -> new Policy(t, t.rfcName(), strings, domain, mx));
        return Combinators.combine(policy, Arbitraries.longs().between(0, 1_000_000_000_000L),
                        failureDetail().list().ofMaxSize(4))
                .as((p, successful, details) -> {
                    long failed = details.stream().mapToLong(FailureDetail::failedSessionCount).sum();
                    return new PolicyResult(p, new Summary(successful, failed), details);
                });
    }

    static Arbitrary<TlsReport> report() {
        return report(false);
    }

    static Arbitrary<TlsReport> report(boolean emptyListsAllowed) {
        return Combinators.combine(text(), dateRange(), text().injectNull(0.2), text(),
                        policyResult(emptyListsAllowed).list().ofMinSize(1).ofMaxSize(3))
                .as(TlsReport::new);
    }
}
