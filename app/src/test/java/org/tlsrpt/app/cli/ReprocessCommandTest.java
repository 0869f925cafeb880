package org.tlsrpt.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsrpt.processor.reprocess.Reprocessor;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ReprocessCommandTest {

    /** The filter the options ask for; a {@code ParameterException} says what is wrong with them. */
    private static Reprocessor.Filter parse(String... args) {
        ReprocessCommand command = new ReprocessCommand(Streams.of(System.in, System.out, System.err));
        new CommandLine(command).parseArgs(args);
        return command.filter();
    }

    @Test
    void noOptionsMeanEveryQuarantinedItem() {
        assertThat(parse()).isEqualTo(new Reprocessor.Filter(null, null));
    }

    @Test
    void sinceTakesAnInstantOrADateMeaningItsStartInUtc() {
        assertThat(parse("--since", "2026-11-01T08:30:00Z").since())
                .isEqualTo(Instant.parse("2026-11-01T08:30:00Z"));
        assertThat(parse("--since=2026-11-01").since())
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void reasonTakesAQuarantineReasonCode() {
        assertThat(parse("--reason", "not-json", "--since", "2026-11-01"))
                .isEqualTo(new Reprocessor.Filter(Instant.parse("2026-11-01T00:00:00Z"), "not-json"));
        assertThat(parse("--reason=malformed-record").reasonCode())
                .isEqualTo("malformed-record");
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("--since", "yesterday")).isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--since': 'yesterday' is neither an instant like "
                        + "2026-11-01T08:00:00Z nor a date like 2026-11-01");
        assertThatThrownBy(() -> parse("--since")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("Missing required parameter for option '--since'");
        assertThatThrownBy(() -> parse("--since", "--reason", "not-json")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--since");
        assertThatThrownBy(() -> parse("--reason", "not-jason")).isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("Invalid value for option '--reason': 'not-jason' is not a quarantine "
                        + "reason; one of: malformed-record, ")
                .hasMessageContaining("not-json");
        assertThatThrownBy(() -> parse("--limit", "5")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("Unknown option").hasMessageContaining("'--limit'");
        assertThatThrownBy(() -> parse("quarantine")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("'quarantine'");
        assertThatThrownBy(() -> parse("--reason", "not-json", "--reason", "not-json"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("should be specified only once");
    }

    @Test
    void reportsRefusedByTheDkimPolicyAreNotReprocessed() {
        assertThatThrownBy(() -> parse("--reason", "dkim-required"))
                .hasMessageContaining("DKIM policy");
    }

    @Test
    void aUsageErrorExitsWithTwoAndPrintsTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = TlsrptCommand.execute(List.of("reprocess", "--since", "soon"), Streams.of(System.in,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tlsrpt reprocess: Invalid value for option "
                + "'--since': 'soon'").contains("Usage: tlsrpt reprocess [-h] [--reason=CODE]");
        assertThat(out.size()).isZero();
    }
}
