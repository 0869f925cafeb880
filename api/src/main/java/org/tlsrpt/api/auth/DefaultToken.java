package org.tlsrpt.api.auth;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The embedded default at start of the api role: the token configured in {@code TLSRPT_API_TOKEN} is valid for all
 * domains while it is configured; with none configured and no token ever stored, one is generated once and handed
 * to the caller, which decides where the operator may see it (never a log). Its row stays (even when revoked), so
 * no later start generates another.
 */
public final class DefaultToken {

    private DefaultToken() {
    }

    /** @return the generated token, when one was generated */
    public static Optional<TokenText> ensure(TokenStore store, Optional<String> configured) throws SQLException {
        store.configureEnvironmentToken(configured.filter(text -> !text.isBlank()).orElse(null));
        if (configured.isPresent() || store.anyEverStored()) {
            return Optional.empty();
        }
        return Optional.of(store.create(Scope.all(), "generated on first start", "generated"));
    }

    /** The box an interactive start shows on its terminal. */
    public static void show(TokenText token, PrintWriter terminal) {
        terminal.println("""

                ========================================================================================
                tlsrpt api: no token was configured, so one was generated for all domains. It is printed
                this once and never stored in clear; keep it now (create more with `tlsrpt token create`):

                    %s

                Use it as: curl -H 'Authorization: Bearer %s' http://localhost:8080/api/v1/domains
                ========================================================================================
                """.formatted(token.text(), token.text()));
        terminal.flush();
    }
}
