package org.tlsrpt.checks;

/**
 * An MTA-STS policy as an earlier check saw it, so that a changed policy under an unchanged id can be told
 * (RFC 8461 §3.1: senders fetch the policy again only when the id changes, so such a change reaches no one).
 *
 * @param id     the {@code id} of the {@code _mta-sts} record
 * @param sha256 hex SHA-256 of the policy body
 */
public record PolicySeen(String id, String sha256) {
}
