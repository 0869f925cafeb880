package org.tlsrpt.app.cli;

import io.smallrye.config.SmallRyeConfig;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.auth.StoredToken;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.api.auth.TokenText;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.ServiceAddresses;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tlsrpt token create|list|revoke}: manages the query API's bearer tokens in ClickHouse without starting
 * Quarkus. The embedded ClickHouse lives inside a running {@code tlsrpt run}, so against the embedded default the
 * command talks to it on its port with the password kept in its data directory ({@link ServiceAddresses});
 * otherwise to {@code tlsrpt.clickhouse.jdbc-url}.
 */
@Command(name = "token", description = "Manage the query API's bearer tokens.",
        synopsisSubcommandLabel = "(create | list | revoke)",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Streams streams;

    TokenCommand(Streams streams) {
        this.streams = streams;
    }

    /** Without a subcommand: the usage, as an error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say create, list or revoke");
    }

    /** One token operation against the store; exit status 1 when the store cannot be reached. */
    private int withStore(StoreAction action) {
        PrintStream err = streams.err();
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
            return action.run(store, streams.out());
        } catch (SQLException e) {
            err.println("tlsrpt token: cannot reach ClickHouse (is `tlsrpt run` running, or "
                    + "tlsrpt.clickhouse.jdbc-url set?): " + e.getMessage());
            return 1;
        }
    }

    private interface StoreAction {
        int run(TokenStore store, PrintStream out) throws SQLException;
    }

    static TokenStore store(SmallRyeConfig config) {
        ServiceAddresses services = ServiceAddresses.of(config.getConfigMapping(TlsrptConfig.class));
        ApiConfig api = config.getConfigMapping(ApiConfig.class);
        return new TokenStore(services.clickHouse().connector(), services.secrets().tokenHasher(api.tokenPepper()));
    }

    private static String describe(Scope scope) {
        return scope.allDomains() ? "all domains" : String.join(",", scope.domains());
    }

    @Command(name = "create", description = "Create a token and print it (the only time it is shown).")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        TokenCommand token;

        @ArgGroup(exclusive = true, multiplicity = "1")
        ScopeChoice choice;

        @Option(names = "--label", paramLabel = "TEXT", description = "What the token is for, shown by list.")
        String label = "";

        static final class ScopeChoice {
            @Option(names = "--all-domains", required = true, description = "The token may read every domain.")
            boolean allDomains;

            @Option(names = "--domains", required = true, paramLabel = "a.example,b.example",
                    converter = ScopeConverter.class, description = "The token may read only these domains.")
            Scope domains;

            Scope scope() {
                return allDomains ? Scope.all() : domains;
            }
        }

        @Override
        public Integer call() {
            Scope scope = choice.scope();
            return token.withStore((store, out) -> {
                TokenText created = store.create(scope, label, "cli");
                out.println("id:     " + created.id());
                out.println("scope:  " + describe(scope));
                out.println("token:  " + created.text());
                out.println("This is the only time the token is shown; only its hash is stored.");
                return 0;
            });
        }
    }

    @Command(name = "list", description = "List every token: id, state, origin, creation, label and scope.")
    static final class ListTokens implements Callable<Integer> {

        @ParentCommand
        TokenCommand token;

        @Override
        public Integer call() {
            return token.withStore((store, out) -> {
                out.printf("%-14s %-8s %-11s %-24s %-24s %s%n", "ID", "STATE", "ORIGIN", "CREATED", "LABEL", "SCOPE");
                for (StoredToken stored : store.list()) {
                    out.printf("%-14s %-8s %-11s %-24s %-24s %s%n", stored.id(), stored.active() ? "active" : "revoked",
                            stored.origin(), stored.createdAt(), stored.label(), describe(stored.scope()));
                }
                return 0;
            });
        }
    }

    @Command(name = "revoke", description = "Revoke a token: it stops working at once.")
    static final class Revoke implements Callable<Integer> {

        @ParentCommand
        TokenCommand token;

        @Parameters(paramLabel = "ID", description = "The token's id, as create and list show it.")
        String id;

        @Override
        public Integer call() {
            return token.withStore((store, out) -> {
                if (!store.revoke(id)) {
                    token.streams.err().println("tlsrpt token revoke: no active token " + id);
                    return 1;
                }
                out.println("revoked " + id);
                return 0;
            });
        }
    }

    /** A comma-separated list of domains as a token scope, or a usage error saying which name is wrong. */
    static final class ScopeConverter implements CommandLine.ITypeConverter<Scope> {
        @Override
        public Scope convert(String list) {
            try {
                return TokenStore.scopeOf(Arrays.asList(list.split(",")));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
