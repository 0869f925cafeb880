package org.tlsrpt.core.parse;

import static org.tlsrpt.core.problem.RefusalCode.DATE_RANGE_INVALID;
import static org.tlsrpt.core.problem.RefusalCode.DATE_RANGE_MISSING;
import static org.tlsrpt.core.problem.RefusalCode.INVALID_COUNT;
import static org.tlsrpt.core.problem.RefusalCode.MISSING_FIELD;
import static org.tlsrpt.core.problem.RefusalCode.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.model.DateRange;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.Policy;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.model.PolicyType;
import org.tlsrpt.core.model.ResultType;
import org.tlsrpt.core.model.Summary;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Recursive descent over the tokens of one report, building the model records directly. One instance per parse:
 * it holds the parser and the findings. Paths are computed from the parser's context, and only when needed.
 */
final class ReportTokenReader {

    private static final long MISSING = -1;

    private final JsonParser p;
    private final JsonFactory factory;
    private final Limits limits;
    private final EnvelopeCheck envelope;
    private final String policyDomainHint;
    private final Findings findings = new Findings();

    ReportTokenReader(JsonParser parser, JsonFactory factory, Limits limits, EnvelopeCheck envelope,
            String policyDomainHint) {
        this.p = parser;
        this.factory = factory;
        this.limits = limits;
        this.envelope = envelope;
        this.policyDomainHint = policyDomainHint;
    }

    List<Finding> findings() {
        return findings.toList();
    }

    TlsReport readDocument() throws IOException {
        JsonToken token = p.nextToken();
        if (token == null) {
            throw refusal(RefusalCode.NOT_JSON, "$", "the report is empty");
        }
        if (token != JsonToken.START_OBJECT) {
            throw refusal(RefusalCode.NOT_AN_OBJECT, "$", "the report is " + kind(token) + ", not a JSON object");
        }
        TlsReport report = readReport();
        if (p.nextToken() != null) {
            throw refusal(RefusalCode.NOT_JSON, "$", "unexpected content after the report's closing brace");
        }
        return report;
    }

    // ---- report

    private TlsReport readReport() throws IOException {
        String organizationName = null;
        String reportId = null;
        String contactInfo = null;
        DateRange dateRange = null;
        List<PolicyResult> policies = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "organization-name" -> {
                    seen = mark(seen, 1);
                    organizationName = requiredString(token, name);
                }
                case "date-range" -> {
                    seen = mark(seen, 2);
                    dateRange = readDateRange(token);
                }
                case "contact-info" -> {
                    seen = mark(seen, 4);
                    contactInfo = optionalString(token);
                }
                case "report-id" -> {
                    seen = mark(seen, 8);
                    reportId = requiredString(token, name);
                }
                case "policies" -> {
                    seen = mark(seen, 16);
                    policies = readPolicies(token);
                }
                default -> unknownField();
            }
        }
        if (organizationName == null) {
            throw refusal(MISSING_FIELD, "$.organization-name", "organization-name is missing");
        }
        if (reportId == null) {
            throw refusal(MISSING_FIELD, "$.report-id", "report-id is missing");
        }
        if (dateRange == null) {
            throw refusal(DATE_RANGE_MISSING, "$.date-range", "date-range is missing");
        }
        if (policies == null) {
            throw refusal(RefusalCode.POLICIES_NOT_ARRAY, "$.policies", "policies is missing");
        }
        envelope.checkReportId(reportId, findings);
        envelope.checkDateRange(dateRange.start(), dateRange.end(), findings);
        return new TlsReport(organizationName, dateRange, contactInfo, reportId, policies);
    }

    private DateRange readDateRange(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            throw refusal(DATE_RANGE_MISSING, path(), "date-range is null");
        }
        if (token != JsonToken.START_OBJECT) {
            throw refusal(DATE_RANGE_INVALID, path(), "date-range is " + kind(token) + ", not an object");
        }
        Instant start = null;
        Instant end = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "start-datetime" -> {
                    seen = mark(seen, 1);
                    start = readDateTime(value);
                }
                case "end-datetime" -> {
                    seen = mark(seen, 2);
                    end = readDateTime(value);
                }
                default -> unknownField();
            }
        }
        if (start == null) {
            throw refusal(DATE_RANGE_MISSING, "$.date-range.start-datetime", "start-datetime is missing");
        }
        if (end == null) {
            throw refusal(DATE_RANGE_MISSING, "$.date-range.end-datetime", "end-datetime is missing");
        }
        if (end.isBefore(start)) {
            throw refusal(DATE_RANGE_INVALID, "$.date-range", "the date-range ends (" + DateTimes.format(end)
                    + ") before it starts (" + DateTimes.format(start) + ")");
        }
        return new DateRange(start, end);
    }

    private Instant readDateTime(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            throw refusal(DATE_RANGE_MISSING, path(), "the date-time is null");
        }
        if (token != JsonToken.VALUE_STRING) {
            throw refusal(DATE_RANGE_INVALID, path(), "the date-time is " + kind(token) + ", not a string");
        }
        String text = p.getText().trim();
        DateTimes.Reading reading = DateTimes.parse(text);
        if (reading == null) {
            throw refusal(DATE_RANGE_INVALID, path(), JsonPaths.quote(text) + " is not an RFC 3339 date-time");
        }
        if (reading.form() == DateTimes.Form.WITHOUT_ZONE) {
            findings.add(FindingCode.DATETIME_WITHOUT_ZONE, path(), JsonPaths.quote(text) + " has no time zone; read as UTC");
        } else if (reading.form() == DateTimes.Form.DATE_ONLY) {
            findings.add(FindingCode.DATE_WITHOUT_TIME, path(), JsonPaths.quote(text) + " has no time; read as midnight UTC");
        }
        return reading.instant();
    }

    // ---- policies

    private List<PolicyResult> readPolicies(JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw refusal(RefusalCode.POLICIES_NOT_ARRAY, path(), "policies is " + kind(token) + ", not an array");
        }
        List<PolicyResult> policies = new ArrayList<>(2);
        for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
            if (policies.size() >= limits.maxPolicies()) {
                throw refusal(RefusalCode.TOO_MANY_POLICIES, path(), "more than " + limits.maxPolicies() + " policies");
            }
            if (element != JsonToken.START_OBJECT) {
                throw refusal(WRONG_TYPE, path(), "a policies entry is " + kind(element) + ", not an object");
            }
            policies.add(readPolicyResult());
        }
        if (policies.isEmpty()) {
            findings.add(FindingCode.NO_POLICIES, path(), "the report has no policies");
        }
        return policies;
    }

    private PolicyResult readPolicyResult() throws IOException {
        Policy policy = null;
        Summary summary = null;
        List<FailureDetail> details = List.of();
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "policy" -> {
                    seen = mark(seen, 1);
                    policy = readPolicy(token);
                }
                case "summary" -> {
                    seen = mark(seen, 2);
                    summary = readSummary(token);
                }
                case "failure-details" -> {
                    seen = mark(seen, 4);
                    details = readFailureDetails(token);
                }
                default -> unknownField();
            }
        }
        if (policy == null) {
            throw refusal(MISSING_FIELD, path() + ".policy", "the policies entry has no policy object");
        }
        if (summary == null) {
            throw refusal(MISSING_FIELD, path() + ".summary", "the policies entry has no summary object");
        }
        PolicyResult result = new PolicyResult(policy, summary, details);
        if (!details.isEmpty()) {
            long sum = result.failureDetailSessionCount();
            if (sum != summary.totalFailureSessionCount()) {
                findings.add(FindingCode.FAILURE_DETAILS_SUM_MISMATCH, path() + ".failure-details",
                        "failure-details add up to " + sum + " failed sessions, total-failure-session-count says "
                                + summary.totalFailureSessionCount() + "; both kept");
            }
        }
        return result;
    }

    private Policy readPolicy(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            throw refusal(MISSING_FIELD, path(), "policy is null");
        }
        if (token != JsonToken.START_OBJECT) {
            throw refusal(WRONG_TYPE, path(), "policy is " + kind(token) + ", not an object");
        }
        PolicyType type = null;
        String typeName = null;
        List<String> policyString = List.of();
        String domain = null;
        List<String> mxHost = List.of();
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "policy-type" -> {
                    seen = mark(seen, 1);
                    typeName = DomainName.lowerCase(requiredString(value, name));
                    type = policyType(typeName);
                    if (type == PolicyType.UNKNOWN) {
                        findings.add(FindingCode.UNKNOWN_POLICY_TYPE, path(),
                                JsonPaths.quote(typeName) + " is not a registered policy-type; kept as given");
                    } else {
                        typeName = type.rfcName();
                    }
                }
                case "policy-string" -> {
                    seen = mark(seen, 2);
                    policyString = expandJsonEncoded(readStringList(value, false));
                }
                case "policy-domain" -> {
                    seen = mark(seen, 4);
                    domain = domain(optionalString(value));
                }
                case "mx-host" -> {
                    seen = mark(seen, 8);
                    mxHost = readStringList(value, true);
                }
                default -> unknownField();
            }
        }
        if (typeName == null) {
            throw refusal(MISSING_FIELD, path() + ".policy-type", "the policy has no policy-type");
        }
        if (domain == null) {
            if (policyDomainHint != null) {
                domain = policyDomainHint;
                findings.add(FindingCode.POLICY_DOMAIN_FROM_ENVELOPE, path() + ".policy-domain",
                        "policy-domain is missing; took " + JsonPaths.quote(domain) + " from the envelope");
            } else {
                findings.add(FindingCode.POLICY_DOMAIN_MISSING, path() + ".policy-domain",
                        "policy-domain is missing and the envelope names none");
            }
        } else if (envelope != EnvelopeCheck.NONE) {
            envelope.checkPolicyDomain(domain, path() + ".policy-domain", findings);
        }
        return new Policy(type, typeName, policyString, domain, mxHost);
    }

    private List<String> expandJsonEncoded(List<String> lines) {
        if (lines.size() != 1 || !PolicyStrings.looksEncoded(lines.get(0))) {
            return lines;
        }
        List<String> inner = PolicyStrings.decode(factory, lines.get(0));
        if (inner == null) {
            return lines;
        }
        findings.add(FindingCode.POLICY_STRING_JSON_ENCODED, path(),
                "policy-string was one JSON-encoded array; read as its " + inner.size() + " strings");
        return inner;
    }

    private Summary readSummary(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            throw refusal(MISSING_FIELD, path(), "summary is null");
        }
        if (token != JsonToken.START_OBJECT) {
            throw refusal(WRONG_TYPE, path(), "summary is " + kind(token) + ", not an object");
        }
        long successful = MISSING;
        long failed = MISSING;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "total-successful-session-count" -> {
                    seen = mark(seen, 1);
                    successful = readCount(value, true);
                }
                case "total-failure-session-count" -> {
                    seen = mark(seen, 2);
                    failed = readCount(value, true);
                }
                default -> unknownField();
            }
        }
        if (successful == MISSING) {
            successful = 0;
            findings.add(FindingCode.SUMMARY_COUNT_MISSING, path() + ".total-successful-session-count",
                    "total-successful-session-count is missing; read as 0");
        }
        if (failed == MISSING) {
            failed = 0;
            findings.add(FindingCode.SUMMARY_COUNT_MISSING, path() + ".total-failure-session-count",
                    "total-failure-session-count is missing; read as 0");
        }
        return new Summary(successful, failed);
    }

    // ---- failure details

    private List<FailureDetail> readFailureDetails(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            findings.add(FindingCode.NULL_VALUE, path(), "failure-details is null; read as none");
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw refusal(WRONG_TYPE, path(), "failure-details is " + kind(token) + ", not an array");
        }
        List<FailureDetail> details = null;
        int count = 0;
        for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
            if (count >= limits.maxFailureDetails()) {
                throw refusal(RefusalCode.TOO_MANY_FAILURE_DETAILS, path(),
                        "more than " + limits.maxFailureDetails() + " failure-details in one policy");
            }
            if (element != JsonToken.START_OBJECT) {
                throw refusal(WRONG_TYPE, path(), "a failure-details entry is " + kind(element) + ", not an object");
            }
            if (details == null) {
                details = new ArrayList<>();
            }
            details.add(readFailureDetail());
            count++;
        }
        return details == null ? List.of() : details;
    }

    private FailureDetail readFailureDetail() throws IOException {
        ResultType type = null;
        String typeName = null;
        String sendingMtaIp = null;
        String receivingMxHostname = null;
        String receivingMxHelo = null;
        String receivingIp = null;
        long failedSessionCount = MISSING;
        String additionalInformation = null;
        String failureReasonCode = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "result-type" -> {
                    seen = mark(seen, 1);
                    typeName = DomainName.lowerCase(requiredString(value, name));
                    type = resultType(typeName);
                    if (type == ResultType.UNKNOWN) {
                        findings.add(FindingCode.UNKNOWN_RESULT_TYPE, path(),
                                JsonPaths.quote(typeName) + " is not a registered result-type; kept as given");
                    } else {
                        typeName = type.rfcName();
                    }
                }
                case "sending-mta-ip" -> {
                    seen = mark(seen, 2);
                    sendingMtaIp = ipAddress(optionalString(value));
                }
                case "receiving-mx-hostname" -> {
                    seen = mark(seen, 4);
                    receivingMxHostname = domain(optionalString(value));
                }
                case "receiving-mx-host-name" -> {
                    seen = mark(seen, 4);
                    nonStandard("receiving-mx-hostname");
                    receivingMxHostname = domain(optionalString(value));
                }
                case "receiving-mx-helo" -> {
                    seen = mark(seen, 8);
                    receivingMxHelo = optionalString(value);
                }
                case "receiving-ip" -> {
                    seen = mark(seen, 16);
                    receivingIp = ipAddress(optionalString(value));
                }
                case "failed-session-count" -> {
                    seen = mark(seen, 32);
                    failedSessionCount = readCount(value, false);
                }
                case "additional-information" -> {
                    seen = mark(seen, 64);
                    additionalInformation = optionalString(value);
                }
                case "additional-info-uri" -> {
                    seen = mark(seen, 64);
                    nonStandard("additional-information");
                    additionalInformation = optionalString(value);
                }
                case "failure-reason-code" -> {
                    seen = mark(seen, 128);
                    failureReasonCode = optionalString(value);
                }
                case "failure-error-code" -> {
                    seen = mark(seen, 128);
                    nonStandard("failure-reason-code");
                    failureReasonCode = optionalString(value);
                }
                default -> unknownField();
            }
        }
        if (typeName == null) {
            throw refusal(MISSING_FIELD, path() + ".result-type", "the failure detail has no result-type");
        }
        if (failedSessionCount == MISSING) {
            throw refusal(MISSING_FIELD, path() + ".failed-session-count",
                    "the failure detail has no failed-session-count");
        }
        return new FailureDetail(type, typeName, sendingMtaIp, receivingMxHostname, receivingMxHelo, receivingIp,
                failedSessionCount, additionalInformation, failureReasonCode);
    }

    // ---- values

    /** A count: a non-negative integer not above the limit. {@link #MISSING} for null when {@code nullAllowed}. */
    private long readCount(JsonToken token, boolean nullAllowed) throws IOException {
        long count;
        String text;
        switch (token) {
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    count = p.getLongValue();
                    if (count >= 0 && count <= limits.maxSessionCount()) {
                        return count;
                    }
                    text = Long.toString(count);
                    count = count < 0 ? Counts.NEGATIVE : Counts.TOO_LARGE;
                } else {
                    text = p.getText();
                    count = text.charAt(0) == '-' ? Counts.NEGATIVE : Counts.TOO_LARGE;
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                text = p.getText();
                count = Counts.parse(text, limits.maxSessionCount());
                if (count >= 0) {
                    findings.add(FindingCode.NUMBER_AS_DECIMAL, path(), text + " read as the integer " + count);
                    return count;
                }
            }
            case VALUE_STRING -> {
                text = p.getText().trim();
                count = Counts.parse(text, limits.maxSessionCount());
                if (count >= 0) {
                    findings.add(FindingCode.NUMBER_AS_STRING, path(), "the count is the string " + JsonPaths.quote(text));
                    return count;
                }
                text = JsonPaths.quote(text);
            }
            case VALUE_NULL -> {
                if (nullAllowed) {
                    return MISSING;
                }
                throw refusal(INVALID_COUNT, path(), "the count is null");
            }
            default -> throw refusal(INVALID_COUNT, path(), "the count is " + kind(token) + ", not a number");
        }
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        String why;
        if (count == Counts.NEGATIVE) {
            why = " is negative";
        } else if (count == Counts.FRACTIONAL) {
            why = " is not a whole number";
        } else if (count == Counts.TOO_LARGE) {
            why = " is larger than any believable session count (" + limits.maxSessionCount() + ")";
        } else {
            why = " is not a number";
        }
        throw refusal(INVALID_COUNT, path(), "the count " + text + why);
    }

    /** A required string, trimmed; refused when missing, null, empty or not a string. */
    private String requiredString(JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            String value = p.getText().trim();
            if (value.isEmpty()) {
                throw refusal(MISSING_FIELD, path(), field + " is empty");
            }
            return value;
        }
        if (token == JsonToken.VALUE_NULL) {
            throw refusal(MISSING_FIELD, path(), field + " is null");
        }
        throw refusal(WRONG_TYPE, path(), field + " is " + kind(token) + ", not a string");
    }

    /** An optional string, trimmed; null (with a finding) for null or empty. */
    private String optionalString(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            String value = p.getText().trim();
            if (value.isEmpty()) {
                findings.add(FindingCode.EMPTY_VALUE, path(), "empty string read as absent");
                return null;
            }
            return value;
        }
        if (token == JsonToken.VALUE_NULL) {
            findings.add(FindingCode.NULL_VALUE, path(), "null read as absent");
            return null;
        }
        throw refusal(WRONG_TYPE, path(), "the value is " + kind(token) + ", not a string");
    }

    /** An array of strings, or a single string (a common quirk); domains normalised when {@code domains}. */
    private List<String> readStringList(JsonToken token, boolean domains) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            findings.add(FindingCode.STRING_INSTEAD_OF_ARRAY, path(), "a single string read as a one-element array");
            String value = p.getText().trim();
            if (value.isEmpty()) {
                findings.add(FindingCode.EMPTY_VALUE, path(), "empty string read as absent");
                return List.of();
            }
            return List.of(domains ? listedDomain(value) : value);
        }
        if (token == JsonToken.VALUE_NULL) {
            findings.add(FindingCode.NULL_VALUE, path(), "null read as an empty list");
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw refusal(WRONG_TYPE, path(), "the value is " + kind(token) + ", not an array of strings");
        }
        List<String> values = new ArrayList<>(4);
        int elements = 0;
        for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
            elements++;
            if (element == JsonToken.VALUE_STRING) {
                String value = p.getText().trim();
                if (value.isEmpty()) {
                    findings.add(FindingCode.EMPTY_VALUE, path(), "empty string left out");
                } else {
                    values.add(domains ? listedDomain(value) : value);
                }
            } else if (element == JsonToken.VALUE_NULL) {
                findings.add(FindingCode.NULL_VALUE, path(), "null left out");
            } else {
                throw refusal(WRONG_TYPE, path(), "an entry is " + kind(element) + ", not a string");
            }
        }
        if (elements == 0) {
            findings.add(FindingCode.EMPTY_ARRAY, path(), "an empty array");
        }
        return values;
    }

    private String listedDomain(String value) {
        String normal = DomainName.normalize(value);
        if (normal != null) {
            return normal;
        }
        findings.add(FindingCode.INVALID_DOMAIN, path(), JsonPaths.quote(value) + " is not a domain name; kept lower-cased");
        return DomainName.lowerCase(value);
    }

    private String domain(String value) {
        return value == null ? null : listedDomain(value);
    }

    private String ipAddress(String value) {
        if (value == null) {
            return null;
        }
        String canonical = IpAddress.canonical(value);
        if (canonical != null) {
            return canonical;
        }
        findings.add(FindingCode.INVALID_IP_ADDRESS, path(), JsonPaths.quote(value) + " is not an IP address; kept as given");
        return value;
    }

    // ---- structure helpers

    /** Records a field as seen; a second sighting is a duplicate, whose value (read next) wins. */
    private int mark(int seen, int bit) {
        if ((seen & bit) != 0) {
            findings.add(FindingCode.DUPLICATE_FIELD, path(), "given more than once; the last one was kept");
        }
        return seen | bit;
    }

    private void nonStandard(String rfcName) {
        findings.add(FindingCode.NON_STANDARD_FIELD, path(), "read as " + rfcName);
    }

    private void unknownField() throws IOException {
        findings.add(FindingCode.UNKNOWN_FIELD, path(), "not an RFC 8460 field; ignored");
        p.skipChildren();
    }

    private String path() {
        return JsonPaths.of(p.getParsingContext());
    }

    private static RefusalException refusal(RefusalCode code, String path, String message) {
        return new RefusalException(code, path, message);
    }

    static String kind(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "unexpected JSON";
        };
    }

    private static PolicyType policyType(String lowerCaseName) {
        return switch (lowerCaseName) {
            case "sts" -> PolicyType.STS;
            case "tlsa" -> PolicyType.TLSA;
            case "no-policy-found" -> PolicyType.NO_POLICY_FOUND;
            default -> PolicyType.UNKNOWN;
        };
    }

    private static ResultType resultType(String lowerCaseName) {
        return switch (lowerCaseName) {
            case "starttls-not-supported" -> ResultType.STARTTLS_NOT_SUPPORTED;
            case "certificate-host-mismatch" -> ResultType.CERTIFICATE_HOST_MISMATCH;
            case "certificate-expired" -> ResultType.CERTIFICATE_EXPIRED;
            case "certificate-not-trusted" -> ResultType.CERTIFICATE_NOT_TRUSTED;
            case "validation-failure" -> ResultType.VALIDATION_FAILURE;
            case "tlsa-invalid" -> ResultType.TLSA_INVALID;
            case "dnssec-invalid" -> ResultType.DNSSEC_INVALID;
            case "dane-required" -> ResultType.DANE_REQUIRED;
            case "sts-policy-fetch-error" -> ResultType.STS_POLICY_FETCH_ERROR;
            case "sts-policy-invalid" -> ResultType.STS_POLICY_INVALID;
            case "sts-webpki-invalid" -> ResultType.STS_WEBPKI_INVALID;
            default -> ResultType.UNKNOWN;
        };
    }
}
