package org.tlsrpt.api.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What failures can be grouped by ({@code by=} of {@code GET /api/v1/domains/{d}/failures}): the request name, the
 * column, and the field name in the answer. Only these fixed column names ever reach the SQL text.
 */
public enum FailureKey {
    RESULT_TYPE("result-type", "result_type", "resultType", true),
    SENDING_MTA_IP("sending-mta-ip", "sending_mta_ip", "sendingMtaIp", true),
    RECEIVING_MX_HOSTNAME("receiving-mx-hostname", "receiving_mx_hostname", "receivingMxHostname", true),
    RECEIVING_IP("receiving-ip", "receiving_ip", "receivingIp", false),
    ORGANIZATION("organization", "organization", "organization", false),
    FAILURE_REASON_CODE("failure-reason-code", "failure_reason_code", "failureReasonCode", false);

    private static final int MAX_VALUES = 32;

    private final String requestName;
    private final String column;
    private final String fieldName;
    private final boolean inDailyAggregate;

    FailureKey(String requestName, String column, String fieldName, boolean inDailyAggregate) {
        this.requestName = requestName;
        this.column = column;
        this.fieldName = fieldName;
        this.inDailyAggregate = inDailyAggregate;
    }

    public String requestName() {
        return requestName;
    }

    String column() {
        return column;
    }

    public String fieldName() {
        return fieldName;
    }

    /** Whether {@code daily_failures} holds this key (else the breakdown reads {@code failure_details}). */
    boolean inDailyAggregate() {
        return inDailyAggregate;
    }

    /**
     * Refuses keys the daily aggregate does not hold for a range longer than {@code maxRawDays}: those are read
     * from the failure details row by row, which is bounded by the daily range limit, not by ten years.
     */
    public static void requireDailyAggregate(List<FailureKey> keys, Period period, int maxRawDays) {
        if (period.days() <= maxRawDays) {
            return;
        }
        for (FailureKey key : keys) {
            if (!key.inDailyAggregate) {
                throw new InvalidParameterException("by", "by=" + key.requestName + " reads failure details and "
                        + "covers at most " + maxRawDays + " days; over longer ranges use result-type, "
                        + "sending-mta-ip or receiving-mx-hostname");
            }
        }
    }

    /**
     * The keys of {@code by} values, each one name or several separated by commas, in the order first given;
     * {@code result-type} when none. Unknown names are refused.
     */
    public static List<FailureKey> parse(List<String> values) {
        if (values != null && values.size() > MAX_VALUES) {
            throw new InvalidParameterException("by", "too many by parameters");
        }
        Set<FailureKey> keys = new LinkedHashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            for (String name : value.split(",", -1)) {
                keys.add(byName(name.trim()));
            }
        }
        return keys.isEmpty() ? List.of(RESULT_TYPE) : new ArrayList<>(keys);
    }

    private static FailureKey byName(String name) {
        for (FailureKey key : values()) {
            if (key.requestName.equals(name)) {
                return key;
            }
        }
        StringBuilder known = new StringBuilder();
        for (FailureKey key : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(key.requestName);
        }
        throw new InvalidParameterException("by", "by must be one or more of " + known);
    }
}
