package org.tlsrpt.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/** Tokens in the real ClickHouse: stored hashed, scoped, revocable, and the default generated only once. */
class TokenStoreIT {

    static TestClickHouse clickhouse;
    static int databases;

    @BeforeAll
    static void start() throws Exception {
        clickhouse = new TestClickHouse();
    }

    @AfterAll
    static void stop() {
        clickhouse.close();
    }

    static ClickHouseConnector fresh() throws Exception {
        return clickhouse.freshDatabase("tokens_" + (++databases));
    }

    @Test
    void aCreatedTokenAuthenticatesWithItsScopeAndOnlyItsHashIsStored() throws Exception {
        ClickHouseConnector connector = fresh();
        TokenStore store = new TokenStore(connector, new TokenHasher("pepper"));
        TokenText token = store.create(TokenStore.scopeOf(List.of("A.Example", "b.example")), "ops", "cli");

        TokenAuthenticator authenticator = new TokenAuthenticator(store, Duration.ZERO);
        Optional<TokenAuthenticator.Authenticated> found = authenticator.authenticate("Bearer " + token.text());
        assertThat(found).isPresent();
        assertThat(found.get().scope()).isEqualTo(Scope.of(List.of("a.example", "b.example")));
        assertThat(found.get().tokenId()).isEqualTo(token.id());
        assertThat(clickhouse.rows("SELECT * FROM tokens_" + databases + ".api_tokens").toString())
                .doesNotContain(token.text()).doesNotContain(token.text().substring(20));

        assertThat(authenticator.authenticate("Bearer " + token.text() + "x")).isEmpty();
        assertThat(authenticator.authenticate("Bearer " + token.text().replace('_', '-'))).isEmpty();
        assertThat(authenticator.authenticate(token.text())).isEmpty();
        assertThat(authenticator.authenticate(null)).isEmpty();
        assertThat(new TokenAuthenticator(new TokenStore(connector, new TokenHasher("other pepper")), Duration.ZERO)
                .authenticate("Bearer " + token.text())).isEmpty();
    }

    @Test
    void aRevokedTokenNoLongerAuthenticatesAndStaysListed() throws Exception {
        TokenStore store = new TokenStore(fresh(), new TokenHasher("pepper"));
        TokenText token = store.create(Scope.all(), "", "cli");
        TokenAuthenticator authenticator = new TokenAuthenticator(store, Duration.ZERO);
        assertThat(authenticator.authenticate("Bearer " + token.text())).isPresent();

        assertThat(store.revoke(token.id())).isTrue();
        assertThat(store.revoke(token.id())).isFalse();
        assertThat(store.revoke("000000000000")).isFalse();

        assertThat(authenticator.authenticate("Bearer " + token.text())).isEmpty();
        assertThat(store.list()).singleElement().satisfies(t -> assertThat(t.active()).isFalse());
    }

    @Test
    void withoutAConfiguredTokenOneIsGeneratedOnlyOnTheFirstStart() throws Exception {
        TokenStore store = new TokenStore(fresh(), new TokenHasher("pepper"));
        Optional<TokenText> generated = DefaultToken.ensure(store, Optional.empty());
        assertThat(generated).isPresent();
        assertThat(new TokenAuthenticator(store, Duration.ZERO).authenticate("Bearer " + generated.get().text()))
                .isPresent();

        store.revoke(generated.get().id());
        assertThat(DefaultToken.ensure(store, Optional.empty())).isEmpty();
    }

    @Test
    void theConfiguredTokenIsValidWhileConfiguredAndNothingIsGenerated() throws Exception {
        TokenStore store = new TokenStore(fresh(), new TokenHasher("pepper"));
        TokenAuthenticator authenticator = new TokenAuthenticator(store, Duration.ZERO);
        assertThat(DefaultToken.ensure(store, Optional.of("correct horse"))).isEmpty();
        assertThat(authenticator.authenticate("Bearer correct horse")).get()
                .satisfies(a -> assertThat(a.scope().allDomains()).isTrue());

        DefaultToken.ensure(store, Optional.of("battery staple"));
        assertThat(authenticator.authenticate("Bearer correct horse")).isEmpty();
        assertThat(authenticator.authenticate("Bearer battery staple")).isPresent();

        assertThat(DefaultToken.ensure(store, Optional.empty())).isEmpty();
        assertThat(authenticator.authenticate("Bearer battery staple")).isEmpty();
    }
}
