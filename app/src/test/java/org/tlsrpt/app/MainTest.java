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
    void helpListsEveryCommand() {
        assertThat(run("help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: tlsrpt [-h] [--list-roles] COMMAND");
        for (String command : List.of("run", "parse", "migrate", "reprocess", "import", "demo", "check-domain",
                "check-config", "token", "list-roles", "completion", "help")) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("  " + command + " ");
        }
    }

    @Test
    void noCommandPrintsTheUsageAsAnError() {
        assertThat(run()).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: tlsrpt").contains("  parse ");
        assertThat(out.size()).isZero();
    }

    @Test
    void migrateTakesNoArguments() {
        assertThat(run("migrate", "now")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tlsrpt migrate: Unmatched argument")
                .contains("'now'").contains("Usage: tlsrpt migrate");
    }

    @Test
    void demoIsACommandWithTheSameUsageErrors() {
        assertThat(run("demo", "--now")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tlsrpt demo: Unknown option: '--now'")
                .contains("Usage: tlsrpt demo [-h] [--kafka=HOST:PORT]");
        assertThat(out.size()).isZero();
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tlsrpt: unknown command 'frobnicate'")
                .contains("Usage: tlsrpt");
        assertThat(out.size()).isZero();
    }

    @Test
    void runRefusesAnUnknownOptionBeforeStartingAnything() {
        assertThat(run("run", "--colour")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tlsrpt run: Unknown option: '--colour'")
                .contains("Usage: tlsrpt run").contains("--data-dir=DIR");
        assertThat(out.size()).isZero();
    }

    @Test
    void runListsTheRolesWithoutStarting() {
        assertThat(run("run", "--list-roles")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().map(line -> line.split(" ")[0]))
                .containsExactly("all", "ingest", "processor", "api");
    }
}
