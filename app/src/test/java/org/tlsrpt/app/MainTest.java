package org.tlsrpt.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty("tlsrpt.roles");
    }

    @Test
    void listRolesNamesEveryRole() {
        assertThat(run("--list-roles")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().map(line -> line.split(" ")[0]))
                .containsExactly("all", "ingest", "processor", "api");
    }

    @Test
    void checkConfigAcceptsTheDefault() {
        assertThat(run("check-config")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("configuration is valid: roles [ingest, processor, api]");
    }

    @Test
    void checkConfigExplainsWhatIsWrong() {
        System.setProperty("tlsrpt.roles", "ingest");

        assertThat(run("check-config")).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("invalid configuration")
                .contains("need tlsrpt.kafka.bootstrap-servers");
    }

    @Test
    void helpListsTheProcessorCommands() {
        assertThat(run("help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("  migrate ").contains("  reprocess [--since");
    }

    @Test
    void migrateTakesNoArguments() {
        assertThat(run("migrate", "now")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tlsrpt migrate: takes no arguments");
    }

    @Test
    void demoIsACommandAndRunKeepsItsDemoOptionForTheApplication() {
        assertThat(run("demo", "--now")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tlsrpt demo: unexpected argument '--now'")
                .contains("usage: tlsrpt demo");

        assertThat(Main.applyRunOptions(List.of("--demo"), System.err)).containsExactly("--demo");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'").contains("usage:");
        assertThat(out.size()).isZero();
    }

    @Test
    void runOptionsBecomeConfigurationAndUnknownOnesAreRefused() {
        try {
            assertThat(Main.applyRunOptions(List.of("--data-dir", "/srv/tlsrpt"), System.err)).isEmpty();
            assertThat(System.getProperty("tlsrpt.data-dir")).isEqualTo("/srv/tlsrpt");
            assertThat(Main.applyRunOptions(List.of("--colour"), new PrintStream(err, true, StandardCharsets.UTF_8)))
                    .isNull();
        } finally {
            System.clearProperty("tlsrpt.data-dir");
        }
    }
}
