package org.tlsrpt.api.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tlsrpt.storage.Sql;
import org.tlsrpt.api.owned.VersionedStore;
import org.tlsrpt.core.parse.DomainName;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Tokens in ClickHouse ({@code api_tokens}, migration V008): created with a scope, listed, revoked. Kept as every
 * owned thing ({@link VersionedStore}): every change is a new row version, the latest version of an id wins; a token
 * is revoked, never deleted.
 */
public final class TokenStore {

    static final String ANY = "SELECT count() FROM api_tokens";

    private static final VersionedStore.Table TABLE = new VersionedStore.Table("api_tokens", "all_domains", "domains",
            false, List.of("secret_hash", "label", "origin", "created_at", "revoked_at"));

    private final ClickHouseConnector connector;
    private final TokenHasher hasher;
    private final VersionedStore<StoredToken> tokens;

    public TokenStore(ClickHouseConnector connector, TokenHasher hasher) {
        this.connector = connector;
        this.hasher = hasher;
        this.tokens = new VersionedStore<>(connector, Clock.systemUTC(), TABLE, new Rows());
    }

    /** A new token for {@code scope}; the returned text is the only time the secret exists outside the caller. */
    public TokenText create(Scope scope, String label, String origin) throws SQLException {
        TokenText token = TokenText.generate();
        tokens.save(new StoredToken(token.id(), hasher.hash(token.text()), scope, label, origin, Instant.now(), null));
        return token;
    }

    /**
     * Makes {@code text} the environment token (all domains), or keeps it when the stored hash already matches;
     * with null, revokes a previously configured one.
     */
    public void configureEnvironmentToken(String text) throws SQLException {
        Optional<StoredToken> current = tokens.find(TokenText.ENVIRONMENT_ID);
        if (text == null) {
            if (current.isPresent() && current.get().active()) {
                revoke(TokenText.ENVIRONMENT_ID);
            }
            return;
        }
        String hash = hasher.hash(text);
        if (current.isPresent() && current.get().active() && TokenHasher.same(current.get().secretHash(), hash)) {
            return;
        }
        tokens.save(new StoredToken(TokenText.ENVIRONMENT_ID, hash, Scope.all(), "TLSRPT_API_TOKEN", "environment",
                Instant.now(), null));
    }

    /** @return false when no such active token exists */
    public boolean revoke(String id) throws SQLException {
        Optional<StoredToken> current = tokens.find(id);
        if (current.isEmpty() || !current.get().active()) {
            return false;
        }
        StoredToken token = current.get();
        tokens.save(new StoredToken(token.id(), token.secretHash(), token.scope(), token.label(), token.origin(),
                token.createdAt(), Instant.now()));
        return true;
    }

    public List<StoredToken> list() throws SQLException {
        return tokens.all();
    }

    public Optional<StoredToken> find(String id) throws SQLException {
        return tokens.find(id);
    }

    /** Whether any token, valid or revoked, was ever stored. */
    public boolean anyEverStored() throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement query = connection.prepareStatement(ANY);
                ResultSet result = query.executeQuery()) {
            return result.next() && result.getLong(1) > 0;
        }
    }

    /** The hash presented text must have to match. */
    public String hash(String text) {
        return hasher.hash(text);
    }

    /** Domains for a scoped token, normalised; refuses names that cannot be domains. */
    public static Scope scopeOf(List<String> domains) {
        Set<String> normal = new TreeSet<>();
        for (String domain : domains) {
            String name = DomainName.normalize(domain.trim());
            if (name == null) {
                throw new IllegalArgumentException("not a domain name: " + domain);
            }
            normal.add(name);
        }
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("a scoped token needs at least one domain");
        }
        return Scope.of(normal);
    }

    /** The token's own columns of {@code api_tokens}. */
    private static final class Rows implements VersionedStore.Columns<StoredToken> {

        @Override
        public void bind(StoredToken token, PreparedStatement insert, int first) throws SQLException {
            int i = first - 1;
            insert.setString(++i, token.secretHash());
            insert.setString(++i, token.label() == null ? "" : token.label());
            insert.setString(++i, token.origin());
            insert.setObject(++i, Sql.utc(token.createdAt()));
            if (token.revokedAt() == null) {
                insert.setNull(++i, java.sql.Types.TIMESTAMP);
            } else {
                insert.setObject(++i, Sql.utc(token.revokedAt()));
            }
        }

        @Override
        public StoredToken read(ResultSet row, Scope owner) throws SQLException {
            return new StoredToken(row.getString("id"), row.getString("secret_hash"), owner, row.getString("label"),
                    row.getString("origin"), Sql.instant(row, "created_at"), Sql.instant(row, "revoked_at"));
        }
    }
}
