package org.tlsrpt.core.problem;

/** Kinds of accepted deviation. A closed set so that metrics and queries can group by it. */
public enum FindingCode {
    // JSON shape
    STRING_INSTEAD_OF_ARRAY("string-instead-of-array", "a single string where RFC 8460 wants an array"),
    EMPTY_ARRAY("empty-array", "an empty array where RFC 8460 wants the field absent or filled"),
    NULL_VALUE("null-value", "a null where RFC 8460 wants a value"),
    NUMBER_AS_STRING("number-as-string", "a count written as a JSON string"),
    NUMBER_AS_DECIMAL("number-as-decimal", "an integral count written with a fraction or exponent"),
    POLICY_STRING_JSON_ENCODED("policy-string-json-encoded", "policy-string given as one JSON-encoded array string"),
    NON_STANDARD_FIELD("non-standard-field", "a non-standard field name read as its RFC 8460 equivalent"),
    UNKNOWN_FIELD("unknown-field", "a field RFC 8460 does not define, ignored"),
    DUPLICATE_FIELD("duplicate-field", "a field given twice; the last one was kept"),
    // values
    DATETIME_WITHOUT_ZONE("datetime-without-zone", "a date-time without a time zone, read as UTC"),
    DATE_WITHOUT_TIME("date-without-time", "a date without a time, read as midnight UTC"),
    UNKNOWN_POLICY_TYPE("unknown-policy-type", "a policy-type not in the registry, kept as given"),
    UNKNOWN_RESULT_TYPE("unknown-result-type", "a result-type not in the registry, kept as given"),
    INVALID_IP_ADDRESS("invalid-ip-address", "a value that is not an IP address where one was expected, kept as given"),
    INVALID_DOMAIN("invalid-domain", "a value that is not a domain name where one was expected, kept as given"),
    EMPTY_VALUE("empty-value", "an empty string where a value was expected, treated as absent"),
    // report-level
    SUMMARY_COUNT_MISSING("summary-count-missing", "a summary without one of its counts, read as 0"),
    FAILURE_DETAILS_SUM_MISMATCH("failure-details-sum-mismatch",
            "failure-details do not add up to total-failure-session-count; both are kept"),
    POLICY_DOMAIN_MISSING("policy-domain-missing", "a policy without policy-domain and no envelope to take it from"),
    POLICY_DOMAIN_FROM_ENVELOPE("policy-domain-from-envelope", "policy-domain taken from the envelope"),
    NO_POLICIES("no-policies", "a report with no policies"),
    ENVELOPE_MISMATCH("envelope-mismatch", "the report body disagrees with its Subject or file name; the body wins"),
    // decoding
    MISSING_CLOSING_BOUNDARY("missing-closing-boundary", "a MIME multipart without its closing boundary"),
    MEDIA_TYPE_MISMATCH("media-type-mismatch", "the content did not match its declared media type; read by its bytes"),
    BASE64_TEXT("base64-text", "the report was base64 text of the compressed bytes"),
    IGNORED_PART("ignored-part", "a message part that looked like a report but held none"),
    // bookkeeping
    FINDINGS_TRUNCATED("findings-truncated", "more findings than are kept for one report; the rest are counted");

    private final String code;
    private final String description;

    FindingCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The member whose {@link #code()} is {@code code}. */
    public static java.util.Optional<FindingCode> fromCode(String code) {
        for (FindingCode value : values()) {
            if (value.code.equals(code)) {
                return java.util.Optional.of(value);
            }
        }
        return java.util.Optional.empty();
    }

    /** The stable, kebab-case name used in JSON and metrics. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
