package org.tlsrpt.api.check;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tlsrpt.checks.Check;
import org.tlsrpt.checks.CheckResult;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.ResultType;

/**
 * Joins the failures in the reports with the live checks of the same thing: for each reported (result type,
 * receiving MX), the results of the checks that look at what that result type is about, on that MX (or, for the
 * MTA-STS policy failures, on the policy), and a {@link Verdict}. Pure: no I/O, no clock.
 */
public final class Diagnosis {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** What one check says about one reported failure. */
    enum Evidence { FAILING, PASSING, NONE }

    private Diagnosis() {
    }

    /**
     * @param failures what the reports hold
     * @param checks   the domain's checks, newest first
     */
    public static List<Finding> of(List<ReportedFailure> failures, List<DomainCheck> checks) {
        List<Finding> findings = new ArrayList<>();
        for (ReportedFailure failure : failures) {
            findings.add(of(failure, checks));
        }
        return findings;
    }

    static Finding of(ReportedFailure failure, List<DomainCheck> checks) {
        Optional<ResultType> type = ResultType.ofCode(failure.resultType());
        String what = describe(failure);
        // the newest check that looked at the same thing
        for (int i = 0; i < checks.size(); i++) {
            DomainCheck check = checks.get(i);
            List<CheckResult> relevant = relevant(type, failure.receivingMx(), check);
            Evidence evidence = evidence(type, relevant);
            if (evidence == Evidence.NONE) {
                continue;
            }
            Optional<Instant> checkedAt = Optional.of(check.checkedAt());
            if (evidence == Evidence.FAILING) {
                return new Finding(failure, Verdict.STILL_FAILING, Optional.empty(), checkedAt, relevant,
                        what + ": still so at the check of " + WHEN.format(check.checkedAt()) + " ("
                                + firstFailureDetail(relevant) + ")");
            }
            // passing now: did an older check see it fail?
            Instant passingSince = check.checkedAt();
            for (int j = i + 1; j < checks.size(); j++) {
                DomainCheck older = checks.get(j);
                Evidence then = evidence(type, relevant(type, failure.receivingMx(), older));
                if (then == Evidence.FAILING) {
                    return new Finding(failure, Verdict.FIXED, Optional.of(passingSince), checkedAt, relevant,
                            what + " until " + WHEN.format(passingSince) + "; fixed since");
                }
                if (then == Evidence.PASSING) {
                    passingSince = older.checkedAt();
                }
            }
            return new Finding(failure, Verdict.NOT_REPRODUCED, Optional.empty(), checkedAt, relevant,
                    what + " in reports, but checks from here pass (newest " + WHEN.format(check.checkedAt())
                            + "): a sender-side or path problem");
        }
        return new Finding(failure, Verdict.UNKNOWN, Optional.empty(), Optional.empty(), List.of(),
                what + " in reports; no check looked at the same thing");
    }

    /** Failing when a relevant result has the reported type (or one a sender reports as it), passing when all are ok. */
    static Evidence evidence(Optional<ResultType> type, List<CheckResult> relevant) {
        if (type.isEmpty() || relevant.isEmpty()) {
            return Evidence.NONE;
        }
        boolean allOk = true;
        for (CheckResult result : relevant) {
            if (sameFailure(type.get(), result.resultType())) {
                return Evidence.FAILING;
            }
            allOk &= result.ok();
        }
        return allOk ? Evidence.PASSING : Evidence.NONE;
    }

    private static boolean sameFailure(ResultType reported, ResultType found) {
        if (reported == found) {
            return true;
        }
        // senders with an enforce policy report an MX the patterns do not cover as a validation failure
        return reported == ResultType.VALIDATION_FAILURE && found == ResultType.STS_MX_NOT_COVERED;
    }

    /** The results of one check about what a reported result type is about, on the reported MX. */
    static List<CheckResult> relevant(Optional<ResultType> type, String receivingMx, DomainCheck check) {
        if (type.isEmpty()) {
            return List.of();
        }
        Set<Check> kinds = checksOf(type.get());
        boolean policyWide = kinds.contains(Check.STS_POLICY);
        String mx = host(receivingMx);
        List<CheckResult> relevant = new ArrayList<>();
        for (CheckResult result : check.results()) {
            if (!kinds.contains(result.check())) {
                continue;
            }
            String target = host(result.target());
            boolean onTheMx = mx.isEmpty() || target.equals(mx) || target.equals("_25._tcp." + mx);
            if (policyWide || result.check() == Check.MX || onTheMx) {
                relevant.add(result);
            }
        }
        return relevant;
    }

    /** The checks that look at what a result type says failed. */
    static Set<Check> checksOf(ResultType type) {
        return switch (type) {
            case STARTTLS_NOT_SUPPORTED -> EnumSet.of(Check.STARTTLS);
            case CERTIFICATE_HOST_MISMATCH -> EnumSet.of(Check.CERTIFICATE_NAME);
            case CERTIFICATE_EXPIRED -> EnumSet.of(Check.CERTIFICATE_EXPIRY);
            case CERTIFICATE_NOT_TRUSTED -> EnumSet.of(Check.CERTIFICATE_TRUST);
            case VALIDATION_FAILURE -> EnumSet.of(Check.STARTTLS, Check.STS_MX_MATCH);
            case TLSA_INVALID, DANE_REQUIRED -> EnumSet.of(Check.TLSA, Check.DANE);
            case DNSSEC_INVALID -> EnumSet.of(Check.MX, Check.MX_ADDRESS, Check.TLSA);
            case STS_POLICY_FETCH_ERROR, STS_POLICY_INVALID, STS_WEBPKI_INVALID -> EnumSet.of(Check.STS_POLICY);
            default -> EnumSet.noneOf(Check.class);
        };
    }

    private static String describe(ReportedFailure failure) {
        String mx = host(failure.receivingMx()).isEmpty() ? "" : host(failure.receivingMx()) + " ";
        String what = switch (failure.resultType()) {
            case "starttls-not-supported" -> "offered no STARTTLS";
            case "certificate-host-mismatch" -> "presented a certificate not naming it";
            case "certificate-expired" -> "presented an expired certificate";
            case "certificate-not-trusted" -> "presented an untrusted certificate";
            case "validation-failure" -> "failed validation";
            case "tlsa-invalid" -> "matched none of its TLSA records";
            case "dnssec-invalid" -> "had DNS answers failing DNSSEC validation";
            case "dane-required" -> "had no usable DANE records where a sender required them";
            case "sts-policy-fetch-error" -> "the MTA-STS policy could not be fetched";
            case "sts-policy-invalid" -> "the MTA-STS policy was invalid";
            case "sts-webpki-invalid" -> "the MTA-STS policy host's certificate was invalid";
            default -> "failed with " + failure.resultType();
        };
        return what.startsWith("the ") ? what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1)
                : (mx.isEmpty() ? "The MX " : mx) + what;
    }

    private static String firstFailureDetail(List<CheckResult> relevant) {
        return relevant.stream().filter(result -> !result.ok()).map(CheckResult::detail).findFirst().orElse("");
    }

    private static String host(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
