package org.tlsrpt.api.http;

import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.query.InvalidParameterException;
import org.tlsrpt.core.parse.DomainName;

/** Reads request parameters into checked values, refusing (400) anything else before a query is built. */
final class Parameters {

    private static final int MAX_TEXT = 256;

    private Parameters() {
    }

    /** A domain name in normal form (lower case, A-labels), which the caller's scope must allow (else 403). */
    static String domain(String name, String text, Scope scope) {
        String domain = text == null || text.isEmpty() || text.length() > 253 ? null : DomainName.normalize(text);
        if (domain == null || domain.startsWith("*")) {
            throw new InvalidParameterException(name, name + " must be a domain name");
        }
        if (!scope.allows(domain)) {
            throw new OutOfScopeException("this token does not cover " + domain);
        }
        return domain;
    }

    /** As {@link #domain}, or null when absent. */
    static String optionalDomain(String name, String text, Scope scope) {
        return text == null || text.isEmpty() ? null : domain(name, text, scope);
    }

    /** Free text such as an organisation name: bounded, no control characters; null when absent. */
    static String optionalText(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(name, name + " must be at most " + MAX_TEXT
                    + " characters without control characters");
        }
        return text;
    }

    static int limit(String text, ApiConfig config) {
        if (text == null || text.isEmpty()) {
            return config.defaultPageSize();
        }
        int limit;
        try {
            limit = text.length() > 9 ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > config.maxPageSize()) {
            throw new InvalidParameterException("limit", "limit must be a whole number from 1 to "
                    + config.maxPageSize());
        }
        return limit;
    }

    static String cursor(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > 128) {
            throw new InvalidParameterException("cursor", "cursor must be a nextCursor from a previous page");
        }
        return text;
    }
}
