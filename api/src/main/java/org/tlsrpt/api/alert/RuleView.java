package org.tlsrpt.api.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** An alert rule as the API shows it; fields a kind does not use are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleView(String id, String name, String kind, String domain, List<String> webhookIds,
        Double threshold, String window, Long minSessions, Integer silentDays, Double factor, Integer baselineDays,
        Long minFailures, boolean notifyResolved, boolean enabled, Instant createdAt, Instant updatedAt) {

    public static RuleView of(AlertRule rule) {
        RuleKind kind = rule.kind();
        boolean rate = kind == RuleKind.FAILURE_RATE;
        boolean spike = kind == RuleKind.FAILURE_SPIKE;
        boolean silent = kind == RuleKind.REPORTER_SILENT;
        boolean windowed = !silent && kind != RuleKind.WEEKLY_DIGEST;
        return new RuleView(rule.id(), rule.name(), kind.apiName(), rule.domain(), rule.webhookIds(),
                rate ? rule.threshold() : null,
                windowed ? RuleValidation.format(rule.window()) : null,
                rate ? rule.minSessions() : null,
                silent ? rule.silentDays() : null,
                spike ? rule.factor() : null,
                spike || silent ? rule.baselineDays() : null,
                spike ? rule.minFailures() : null,
                rule.notifyResolved(), rule.enabled(), rule.createdAt(), rule.updatedAt());
    }
}
