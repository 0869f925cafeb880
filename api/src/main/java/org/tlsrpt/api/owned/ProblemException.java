package org.tlsrpt.api.owned;

import java.util.List;

/**
 * A request the API for owned things (alert rules, webhooks) refuses, answered as an RFC 9457 problem document
 * ({@code application/problem+json}) by {@link ProblemMapper}.
 *
 * @see ProblemMapper
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<String> errors;

    public ProblemException(int status, String title, String detail, List<String> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String what, List<String> errors) {
        return new ProblemException(400, "invalid " + what, String.join("; ", errors), errors);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, what + " not found", "no " + what + " with id " + id, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "outside the token's domains", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<String> errors() {
        return errors;
    }
}
