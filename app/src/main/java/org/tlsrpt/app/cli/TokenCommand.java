package org.tlsrpt.app.cli;

import io.smallrye.config.SmallRyeConfig;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.auth.StoredToken;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.api.auth.TokenText;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.ServiceAddresses;

/**
 * {@code tlsrpt token create|list|revoke}: manages the query API's bearer tokens in ClickHouse without starting
 * Quarkus. The embedded ClickHouse lives inside a running {@code tlsrpt run}, so against the embedded default the
 * command talks to it on its port with the password kept in its data directory ({@link ServiceAddresses});
 * otherwise to {@code tlsrpt.clickhouse.jdbc-url}.
 */
public final class TokenCommand {

    static final String USAGE = """
            usage: tlsrpt token create (--all-domains | --domains a.example,b.example) [--label TEXT]
                   tlsrpt token list
                   tlsrpt token revoke ID
            """;

    private TokenCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        TokenStore store;
        try {
            store = store(CheckConfigCommand.load(ApiConfig.class));
        } catch (IllegalStateException e) {
            err.println("tlsrpt token: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("invalid configuration: " + e.getMessage());
            return 1;
        }
        try {
            return switch (args.get(0)) {
                case "create" -> create(store, args.subList(1, args.size()), out, err);
                case "list" -> list(store, out);
                case "revoke" -> revoke(store, args.subList(1, args.size()), out, err);
                default -> {
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (SQLException e) {
            err.println("tlsrpt token: cannot reach ClickHouse (is `tlsrpt run` running, or "
                    + "tlsrpt.clickhouse.jdbc-url set?): " + e.getMessage());
            return 1;
        }
    }

    static TokenStore store(SmallRyeConfig config) {
        ServiceAddresses services = ServiceAddresses.of(config.getConfigMapping(TlsrptConfig.class));
        ApiConfig api = config.getConfigMapping(ApiConfig.class);
        return new TokenStore(services.clickHouse().connector(), services.secrets().tokenHasher(api.tokenPepper()));
    }

    private static int create(TokenStore store, List<String> args, PrintStream out, PrintStream err)
            throws SQLException {
        Scope scope = null;
        String label = "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--all-domains")) {
                scope = Scope.all();
            } else if (arg.equals("--domains") && i + 1 < args.size()) {
                scope = scope(args.get(++i), err);
            } else if (arg.startsWith("--domains=")) {
                scope = scope(arg.substring("--domains=".length()), err);
            } else if (arg.equals("--label") && i + 1 < args.size()) {
                label = args.get(++i);
            } else {
                err.print(USAGE);
                return 2;
            }
            if (arg.startsWith("--domains") && scope == null) {
                return 2;
            }
        }
        if (scope == null) {
            err.println("tlsrpt token create: give --all-domains or --domains");
            err.print(USAGE);
            return 2;
        }
        TokenText token = store.create(scope, label, "cli");
        out.println("id:     " + token.id());
        out.println("scope:  " + describe(scope));
        out.println("token:  " + token.text());
        out.println("This is the only time the token is shown; only its hash is stored.");
        return 0;
    }

    private static Scope scope(String list, PrintStream err) {
        try {
            return TokenStore.scopeOf(Arrays.asList(list.split(",")));
        } catch (IllegalArgumentException e) {
            err.println("tlsrpt token create: " + e.getMessage());
            return null;
        }
    }

    private static int list(TokenStore store, PrintStream out) throws SQLException {
        out.printf("%-14s %-8s %-11s %-24s %-24s %s%n", "ID", "STATE", "ORIGIN", "CREATED", "LABEL", "SCOPE");
        for (StoredToken token : store.list()) {
            out.printf("%-14s %-8s %-11s %-24s %-24s %s%n", token.id(), token.active() ? "active" : "revoked",
                    token.origin(), token.createdAt(), token.label(), describe(token.scope()));
        }
        return 0;
    }

    private static int revoke(TokenStore store, List<String> args, PrintStream out, PrintStream err)
            throws SQLException {
        if (args.size() != 1) {
            err.print(USAGE);
            return 2;
        }
        if (!store.revoke(args.get(0))) {
            err.println("tlsrpt token revoke: no active token " + args.get(0));
            return 1;
        }
        out.println("revoked " + args.get(0));
        return 0;
    }

    private static String describe(Scope scope) {
        return scope.allDomains() ? "all domains" : String.join(",", scope.domains());
    }
}
