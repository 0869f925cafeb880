package org.tlsrpt.api.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tlsrpt.core.parse.DomainName;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Tokens in ClickHouse ({@code api_tokens}, migration V008): created with a scope, listed, revoked. Every change
 * is a new row version; the latest version of an id wins ({@code FINAL}).
 */
public final class TokenStore {

    static final String INSERT = """
            INSERT INTO api_tokens (id, secret_hash, all_domains, domains, label, origin, created_at, revoked_at,
                                    version)
            SETTINGS async_insert = 0
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    static final String SELECT = """
            SELECT id, secret_hash, all_domains, domains, label, origin, created_at, revoked_at, version
            FROM api_tokens FINAL
            WHERE (? OR id = ?)
            ORDER BY created_at, id
            """;

    static final String ANY = "SELECT count() FROM api_tokens";

    private final ClickHouseConnector connector;
    private final TokenHasher hasher;

    public TokenStore(ClickHouseConnector connector, TokenHasher hasher) {
        this.connector = connector;
        this.hasher = hasher;
    }

    /** A new token for {@code scope}; the returned text is the only time the secret exists outside the caller. */
    public TokenText create(Scope scope, String label, String origin) throws SQLException {
        TokenText token = TokenText.generate();
        write(new StoredToken(token.id(), hasher.hash(token.text()), scope, label, origin, Instant.now(), null), 1);
        return token;
    }

    /**
     * Makes {@code text} the environment token (all domains), or keeps it when the stored hash already matches;
     * with null, revokes a previously configured one.
     */
    public void configureEnvironmentToken(String text) throws SQLException {
        Optional<Versioned> current = versioned(TokenText.ENVIRONMENT_ID);
        if (text == null) {
            if (current.isPresent() && current.get().token().active()) {
                revoke(TokenText.ENVIRONMENT_ID);
            }
            return;
        }
        String hash = hasher.hash(text);
        if (current.isPresent() && current.get().token().active()
                && TokenHasher.same(current.get().token().secretHash(), hash)) {
            return;
        }
        write(new StoredToken(TokenText.ENVIRONMENT_ID, hash, Scope.all(), "TLSRPT_API_TOKEN", "environment",
                Instant.now(), null), current.map(v -> v.version() + 1).orElse(1L));
    }

    /** @return false when no such active token exists */
    public boolean revoke(String id) throws SQLException {
        Optional<Versioned> current = versioned(id);
        if (current.isEmpty() || !current.get().token().active()) {
            return false;
        }
        StoredToken token = current.get().token();
        write(new StoredToken(token.id(), token.secretHash(), token.scope(), token.label(), token.origin(),
                token.createdAt(), Instant.now()), current.get().version() + 1);
        return true;
    }

    public List<StoredToken> list() throws SQLException {
        return select(null).stream().map(Versioned::token).toList();
    }

    public Optional<StoredToken> find(String id) throws SQLException {
        return versioned(id).map(Versioned::token);
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

    private record Versioned(StoredToken token, long version) {
    }

    private Optional<Versioned> versioned(String id) throws SQLException {
        return select(id).stream().findFirst();
    }

    private List<Versioned> select(String id) throws SQLException {
        List<Versioned> tokens = new ArrayList<>();
        try (Connection connection = connector.open(); PreparedStatement query = connection.prepareStatement(SELECT)) {
            query.setBoolean(1, id == null);
            query.setString(2, id == null ? "" : id);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Object[] domains = (Object[]) row.getArray("domains").getArray();
                    Scope scope = row.getBoolean("all_domains") ? Scope.all()
                            : Scope.of(Arrays.stream(domains).map(String::valueOf).toList());
                    tokens.add(new Versioned(new StoredToken(row.getString("id"), row.getString("secret_hash"), scope,
                            row.getString("label"), row.getString("origin"), instant(row, "created_at"),
                            instant(row, "revoked_at")), row.getLong("version")));
                }
            }
        }
        return tokens;
    }

    private void write(StoredToken token, long version) throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, token.id());
            insert.setString(2, token.secretHash());
            insert.setBoolean(3, token.scope().allDomains());
            insert.setObject(4, List.copyOf(token.scope().domains()));
            insert.setString(5, token.label() == null ? "" : token.label());
            insert.setString(6, token.origin());
            insert.setObject(7, LocalDateTime.ofInstant(token.createdAt(), ZoneOffset.UTC));
            if (token.revokedAt() == null) {
                insert.setNull(8, java.sql.Types.TIMESTAMP);
            } else {
                insert.setObject(8, LocalDateTime.ofInstant(token.revokedAt(), ZoneOffset.UTC));
            }
            insert.setLong(9, version);
            insert.executeUpdate();
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
