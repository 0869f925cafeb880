package org.tlsrpt.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finding of a check.
 *
 * @param check      what was checked
 * @param target     what it was checked on: the domain, a DNS name, an MX host or the policy host
 * @param resultType {@code ok}, an RFC 8460 result type, or one of ours
 * @param detail     one line for a person: what was seen, and for a failure why
 * @param facts      what was measured, by name ({@code tlsVersion}, {@code cipher}, {@code daysLeft}, {@code mode},
 *                   {@code address}, …), in the order found; empty when nothing was
 */
public record CheckResult(Check check, String target, ResultType resultType, String detail,
                          Map<String, String> facts) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(detail, "detail");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static CheckResult of(Check check, String target, ResultType resultType, String detail) {
        return new CheckResult(check, target, resultType, detail, Map.of());
    }

    public boolean ok() {
        return resultType.ok();
    }
}
