package org.tlsrpt.api.query;

import java.util.List;

/**
 * The bytes a report arrived in, as received.
 *
 * @param sharedDomains the policy domains of every report read from these bytes (a mail may carry several)
 */
public record RawReport(String sha256, byte[] bytes, String mediaType, List<List<String>> sharedDomains) {
}
