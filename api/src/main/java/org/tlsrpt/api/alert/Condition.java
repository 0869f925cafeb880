package org.tlsrpt.api.alert;

import java.util.Map;

/**
 * Something a rule found true right now.
 *
 * @param key     identifies the condition within its rule across evaluations, e.g. {@code example.com} or
 *                {@code example.com|certificate-expired}
 * @param details the numbers behind the summary
 */
public record Condition(String key, String domain, String summary, Map<String, Object> details) {

    public Condition {
        details = Map.copyOf(details);
    }
}
