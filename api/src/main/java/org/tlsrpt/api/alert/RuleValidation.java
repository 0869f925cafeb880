package org.tlsrpt.api.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.owned.ProblemException;

/** Turns a {@link RuleInput} into an {@link AlertRule}, or says every way in which it is wrong (400). */
public final class RuleValidation {

    static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})([hd])");
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    static final int MAX_NAME = 200;
    static final int MAX_WEBHOOKS = 20;

    private RuleValidation() {
    }

    /**
     * Everything a rule names must lie within its owner's scope: its domain, and its webhooks (owned by scopes the
     * owner covers). The owner is the caller's scope on create and the original owner, which the caller covers, on
     * change; so a rule never reaches further than the token that owns it, whoever edits it.
     *
     * @param owner           the scope that owns the rule
     * @param visibleWebhooks ids of the webhooks the owner may use
     * @throws ProblemException 400 with every error, 403 for a domain outside the owner's scope
     */
    public static AlertRule validate(RuleInput in, String id, Scope owner, Set<String> visibleWebhooks,
            Instant createdAt, Instant now) {
        if (in == null) {
            throw ProblemException.invalid("alert rule", List.of("a JSON body is required"));
        }
        List<String> errors = new ArrayList<>();
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            errors.add("name is required");
        } else if (name.length() > MAX_NAME) {
            errors.add("name is longer than " + MAX_NAME + " characters");
        }
        RuleKind kind = in.kind() == null ? null : RuleKind.of(in.kind());
        if (kind == null) {
            errors.add("kind must be one of failure-rate, new-result-type, reporter-silent, failure-spike, weekly-digest"
                    + (in.kind() == null ? "" : ", not '" + in.kind() + "'"));
        }
        String domain = null;
        if (in.domain() != null && !in.domain().isBlank()) {
            domain = in.domain().strip().toLowerCase(Locale.ROOT);
            if (domain.endsWith(".")) {
                domain = domain.substring(0, domain.length() - 1);
            }
            if (!DOMAIN.matcher(domain).matches()) {
                errors.add("domain is not a domain name: '" + in.domain() + "'");
                domain = null;
            } else if (!owner.allows(domain)) {
                throw ProblemException.forbidden("domain " + domain + " is outside the domains of the token that "
                        + "owns this rule");
            }
        }
        List<String> webhookIds = webhookIds(in.webhookIds(), visibleWebhooks, errors);

        double threshold = 0;
        Duration window = Duration.ofDays(1);
        long minSessions = 1;
        int silentDays = 0;
        double factor = 0;
        int baselineDays = 28;
        long minFailures = 1;
        if (kind != null) {
            switch (kind) {
                case FAILURE_RATE -> {
                    threshold = required(in.threshold(), "threshold", errors);
                    if (in.threshold() != null && !(threshold > 0 && threshold <= 1)) {
                        errors.add("threshold is a share of sessions: above 0 and at most 1 (0.05 is 5%)");
                    }
                    window = window(in.window(), Duration.ofDays(1), errors);
                    minSessions = atLeast(in.minSessions(), 1, "minSessions", errors);
                }
                case NEW_RESULT_TYPE -> window = window(in.window(), Duration.ofDays(2), errors);
                case REPORTER_SILENT -> {
                    silentDays = (int) required(in.silentDays() == null ? null : in.silentDays().doubleValue(),
                            "silentDays", errors);
                    if (in.silentDays() != null && (silentDays < 1 || silentDays > 365)) {
                        errors.add("silentDays must be 1..365");
                    }
                    baselineDays = days(in.baselineDays(), 28, "baselineDays", errors);
                    if (in.silentDays() != null && baselineDays <= silentDays) {
                        errors.add("baselineDays (how far back reporters are known) must be more than silentDays");
                    }
                }
                case FAILURE_SPIKE -> {
                    factor = required(in.factor(), "factor", errors);
                    if (in.factor() != null && !(factor >= 1 && factor <= 1000)) {
                        errors.add("factor must be 1..1000");
                    }
                    baselineDays = days(in.baselineDays(), 28, "baselineDays", errors);
                    window = window(in.window(), Duration.ofDays(1), errors);
                    minFailures = atLeast(in.minFailures(), 1, "minFailures", errors);
                }
                case WEEKLY_DIGEST -> {
                    // no parameters: the week is the ISO week (Monday to Sunday, UTC) and a digest never resolves
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("alert rule", errors);
        }
        boolean notifyResolved = kind != RuleKind.WEEKLY_DIGEST && (in.notifyResolved() != null ? in.notifyResolved()
                : kind != RuleKind.NEW_RESULT_TYPE);
        boolean enabled = in.enabled() == null || in.enabled();
        return new AlertRule(id, name, kind, domain, owner, threshold, window, minSessions, silentDays, factor,
                baselineDays, minFailures, webhookIds, notifyResolved, enabled, createdAt, now);
    }

    private static List<String> webhookIds(List<String> ids, Set<String> visible, List<String> errors) {
        if (ids == null || ids.isEmpty()) {
            errors.add("webhookIds must name at least one webhook");
            return List.of();
        }
        if (ids.size() > MAX_WEBHOOKS) {
            errors.add("webhookIds holds more than " + MAX_WEBHOOKS + " webhooks");
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : ids) {
            if (id == null || !visible.contains(id)) {
                errors.add("unknown webhook id '" + id + "'");
            } else {
                unique.add(id);
            }
        }
        return List.copyOf(unique);
    }

    private static double required(Double value, String field, List<String> errors) {
        if (value == null) {
            errors.add(field + " is required for this kind");
            return 0;
        }
        if (value.isNaN() || value.isInfinite()) {
            errors.add(field + " must be a finite number");
            return 0;
        }
        return value;
    }

    private static long atLeast(Long value, long fallback, String field, List<String> errors) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            errors.add(field + " must not be negative");
        }
        return value;
    }

    private static int days(Integer value, int fallback, String field, List<String> errors) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > 366) {
            errors.add(field + " must be 1..366");
        }
        return value;
    }

    /** {@code 36h} or {@code 7d}; from one hour to 366 days. */
    static Duration window(String text, Duration fallback, List<String> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Matcher matcher = WINDOW.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            errors.add("window must be hours or days such as 24h or 7d, not '" + text + "'");
            return fallback;
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration window = matcher.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofDays(amount);
        if (window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            errors.add("window must be from 1h to 366d");
            return fallback;
        }
        return window;
    }

    /** The API form of a window: whole days as {@code 7d}, otherwise hours. */
    public static String format(Duration window) {
        return window.toHours() % 24 == 0 ? window.toDays() + "d" : window.toHours() + "h";
    }
}
