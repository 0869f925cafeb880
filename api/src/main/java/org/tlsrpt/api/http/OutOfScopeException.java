package org.tlsrpt.api.http;

/** The request names a domain or report the caller's token does not cover: answered with 403. */
class OutOfScopeException extends RuntimeException {

    OutOfScopeException(String message) {
        super(message);
    }
}
