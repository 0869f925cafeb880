package org.tlsrpt.api.auth;

import java.time.Instant;
import org.tlsrpt.api.owned.Owned;

/**
 * A token as the store knows it: never its secret, only the secret's hash.
 *
 * @param origin    {@code cli}, {@code environment} or {@code generated}
 * @param revokedAt null while the token is valid
 */
public record StoredToken(String id, String secretHash, Scope scope, String label, String origin,
        Instant createdAt, Instant revokedAt) implements Owned {

    /** A token is owned by the scope it grants: only callers covering it could be shown it. */
    @Override
    public Scope owner() {
        return scope;
    }

    public boolean active() {
        return revokedAt == null;
    }
}
