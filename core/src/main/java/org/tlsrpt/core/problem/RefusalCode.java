package org.tlsrpt.core.problem;

/**
 * Why something is not a countable report. A closed set: callers map it to HTTP or SMTP answers and to
 * quarantine reasons. {@link #isSizeLimit()} tells the refusals that are about size (HTTP 413, SMTP 552).
 */
public enum RefusalCode {
    // container and encoding
    UNSUPPORTED_FORMAT("unsupported-format", "not JSON, gzip, zip, base64 of gzip or a mail message"),
    TRUNCATED_COMPRESSION("truncated-compression", "the compressed data ends early"),
    CORRUPT_COMPRESSION("corrupt-compression", "the compressed data is damaged"),
    NESTED_ARCHIVE("nested-archive", "an archive inside an archive"),
    MALFORMED_MESSAGE("malformed-message", "the mail message cannot be read"),
    NO_REPORT_IN_MESSAGE("no-report-in-message", "the mail message holds no TLS report"),
    // size bounds
    MESSAGE_TOO_LARGE("message-too-large", "the input is larger than allowed"),
    DECOMPRESSED_TOO_LARGE("decompressed-too-large", "the decompressed report is larger than allowed"),
    COMPRESSION_RATIO("compression-ratio", "the data expands more than any real report does"),
    INPUT_BUDGET_EXCEEDED("input-budget-exceeded",
            "the parts of one input together decompress to more than allowed; the parts after the limit were not read"),
    TOO_MANY_PARTS("too-many-parts", "more MIME parts or archive entries than allowed"),
    NESTING_TOO_DEEP("nesting-too-deep", "MIME parts or JSON nested deeper than allowed"),
    TOO_MANY_POLICIES("too-many-policies", "more policies than allowed"),
    TOO_MANY_FAILURE_DETAILS("too-many-failure-details", "more failure-details in one policy than allowed"),
    VALUE_TOO_LONG("value-too-long", "a JSON string or number longer than allowed"),
    // JSON content
    NOT_JSON("not-json", "the report is not valid JSON"),
    INVALID_UTF8("invalid-utf8", "the report is not valid UTF-8"),
    NOT_AN_OBJECT("not-an-object", "the report is not a JSON object"),
    MISSING_FIELD("missing-field", "a field required to count the report is missing"),
    WRONG_TYPE("wrong-type", "a field has a JSON type that cannot be understood"),
    DATE_RANGE_MISSING("date-range-missing", "date-range or one of its date-times is missing"),
    DATE_RANGE_INVALID("date-range-invalid", "date-range cannot be read as RFC 3339 date-times, or ends before it starts"),
    POLICIES_NOT_ARRAY("policies-not-array", "policies is missing or not an array"),
    INVALID_COUNT("invalid-count", "a session count that is negative, fractional or absurdly large"),
    // policy
    DKIM_REQUIRED("dkim-required", "a mailed report without a passing DKIM signature where one is required"),
    DOMAIN_NOT_ALLOWED("domain-not-allowed", "a report for a policy domain outside the allow-list (a bounded sample is kept)"),
    // storage (decided by the processor, not at intake)
    OUTSIDE_RETENTION("outside-retention", "the report's day is older than the tables keep "
            + "(tlsrpt.clickhouse.retention-days); reprocess it after raising the retention"),
    TOO_MANY_VERSIONS("too-many-versions", "the report's identity (organisation, report-id, date range) already has "
            + "as many distinct versions as kept (tlsrpt.processor.max-versions); reprocess it after raising the cap");

    private final String code;
    private final String description;

    RefusalCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The member whose {@link #code()} is {@code code}. */
    public static java.util.Optional<RefusalCode> fromCode(String code) {
        for (RefusalCode value : values()) {
            if (value.code.equals(code)) {
                return java.util.Optional.of(value);
            }
        }
        return java.util.Optional.empty();
    }

    /** The stable, kebab-case name used in JSON, metrics and problem documents. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public boolean isSizeLimit() {
        return this == MESSAGE_TOO_LARGE || this == DECOMPRESSED_TOO_LARGE || this == COMPRESSION_RATIO
                || this == INPUT_BUDGET_EXCEEDED;
    }
}
