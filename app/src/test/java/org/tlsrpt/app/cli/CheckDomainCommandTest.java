package org.tlsrpt.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage errors end with status 2 before anything is looked up; the checks themselves run in CheckDomainCliIT. */
class CheckDomainCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        List<String> line = new java.util.ArrayList<>(List.of("check-domain"));
        line.addAll(List.of(args));
        return TlsrptCommand.execute(line, Streams.of(System.in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void noDomainIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("--json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required parameter: 'DOMAIN'")
                .contains("Usage: tlsrpt check-domain");
        assertThat(out.size()).isZero();
    }

    @Test
    void anUnknownOptionOrAnInvalidNameIsAUsageError() {
        assertThat(run("--yaml", "example.com")).isEqualTo(2);
        assertThat(run("example.com", "not a domain")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tlsrpt check-domain: Unknown option: '--yaml'")
                .contains("is no domain name");
        assertThat(out.size()).isZero();
    }
}
