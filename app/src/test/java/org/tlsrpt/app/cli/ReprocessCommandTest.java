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

class ReprocessCommandTest {

    @Test
    void noOptionsMeanEveryQuarantinedItem() {
        assertThat(ReprocessCommand.parse(List.of())).isEqualTo(new Reprocessor.Filter(null, null));
    }

    @Test
    void sinceTakesAnInstantOrADateMeaningItsStartInUtc() {
        assertThat(ReprocessCommand.parse(List.of("--since", "2026-11-01T08:30:00Z")).since())
                .isEqualTo(Instant.parse("2026-11-01T08:30:00Z"));
        assertThat(ReprocessCommand.parse(List.of("--since=2026-11-01")).since())
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void reasonTakesAQuarantineReasonCode() {
        assertThat(ReprocessCommand.parse(List.of("--reason", "not-json", "--since", "2026-11-01")))
                .isEqualTo(new Reprocessor.Filter(Instant.parse("2026-11-01T00:00:00Z"), "not-json"));
        assertThat(ReprocessCommand.parse(List.of("--reason=malformed-record")).reasonCode())
                .isEqualTo("malformed-record");
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ReprocessCommand.parse(List.of("--since", "yesterday")))
                .hasMessage("--since 'yesterday' is neither an instant like 2026-11-01T08:00:00Z nor a date like "
                        + "2026-11-01");
        assertThatThrownBy(() -> ReprocessCommand.parse(List.of("--since")))
                .hasMessage("--since needs a value");
        assertThatThrownBy(() -> ReprocessCommand.parse(List.of("--since", "--reason", "not-json")))
                .hasMessage("--since needs a value");
        assertThatThrownBy(() -> ReprocessCommand.parse(List.of("--reason", "not-jason")))
                .hasMessageStartingWith("--reason 'not-jason' is not a quarantine reason; one of: malformed-record, ")
                .hasMessageContaining("not-json");
        assertThatThrownBy(() -> ReprocessCommand.parse(List.of("--limit", "5")))
                .hasMessage("unknown option '--limit'");
        assertThatThrownBy(() -> ReprocessCommand.parse(List.of("quarantine")))
                .hasMessage("unexpected argument 'quarantine'");
        assertThatThrownBy(() -> ReprocessCommand.parse(List.of("--reason", "not-json", "--reason", "not-json")))
                .hasMessage("--reason given twice");
    }

    @Test
    void reportsRefusedByTheDkimPolicyAreNotReprocessed() {
        assertThatThrownBy(() -> ReprocessCommand.parse(List.of("--reason", "dkim-required")))
                .hasMessageContaining("DKIM policy");
    }

    @Test
    void aUsageErrorExitsWithTwoAndPrintsTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ReprocessCommand.run(List.of("--since", "soon"), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--since 'soon'").contains(ReprocessCommand.USAGE);
        assertThat(out.size()).isZero();
    }
}
