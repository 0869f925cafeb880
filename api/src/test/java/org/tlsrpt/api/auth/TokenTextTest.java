package org.tlsrpt.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenTextTest {

    @Test
    void aGeneratedTokenNamesItsIdAndAnythingElseIsTheConfiguredOne() {
        TokenText token = TokenText.generate();
        assertThat(TokenText.presented(token.text())).isEqualTo(token);
        assertThat(TokenText.presented("some configured secret").id()).isEqualTo(TokenText.ENVIRONMENT_ID);
        assertThat(TokenText.presented("")).isNull();
        assertThat(TokenText.presented("x".repeat(513))).isNull();
    }

    @Test
    void aScopedCallerSeesAReportOnlyWhenItCoversEveryDomainOfIt() {
        Scope a = Scope.of(List.of("a.example"));
        assertThat(a.allowsAll(List.of("a.example"))).isTrue();
        assertThat(a.allowsAll(List.of("a.example", "b.example"))).isFalse();
        assertThat(a.allowsAll(List.of())).isFalse();
        assertThat(Scope.all().allowsAll(List.of())).isTrue();
    }

    @Test
    void hashesDependOnThePepper() {
        assertThat(new TokenHasher("p1").hash("t")).isNotEqualTo(new TokenHasher("p2").hash("t")).hasSize(64);
    }
}
