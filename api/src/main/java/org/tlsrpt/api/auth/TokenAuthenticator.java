package org.tlsrpt.api.auth;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an {@code Authorization: Bearer …} header into the caller's token id and scope. Answers are kept for a
 * short time ({@code tlsrpt.api.token-cache-ttl}) keyed by the hash of the presented text, so a busy dashboard
 * does not ask ClickHouse on every request; a revocation takes effect within that time.
 */
public final class TokenAuthenticator {

    private static final int MAX_CACHED = 10_000;

    /** A valid token's id and scope. */
    public record Authenticated(String tokenId, Scope scope) {
    }

    private record Cached(long expiresAtNanos, Optional<Authenticated> answer) {
    }

    private final TokenStore store;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TokenAuthenticator(TokenStore store, Duration ttl) {
        this.store = store;
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * @param authorization the Authorization header, or null
     * @return empty when there is no bearer token or it is unknown, revoked or wrong
     * @throws SQLException when ClickHouse cannot be asked
     */
    public Optional<Authenticated> authenticate(String authorization) throws SQLException {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        TokenText presented = TokenText.presented(authorization.substring(7).trim());
        if (presented == null) {
            return Optional.empty();
        }
        String hash = store.hash(presented.text());
        long now = System.nanoTime();
        Cached cached = cache.get(hash);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.answer();
        }
        Optional<Authenticated> answer = store.find(presented.id())
                .filter(StoredToken::active)
                .filter(token -> TokenHasher.same(token.secretHash(), hash))
                .map(token -> new Authenticated(token.id(), token.scope()));
        if (ttlNanos > 0) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, new Cached(now + ttlNanos, answer));
        }
        return answer;
    }
}
