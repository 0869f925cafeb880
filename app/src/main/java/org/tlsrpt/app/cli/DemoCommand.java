package org.tlsrpt.app.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.tlsrpt.app.demo.DemoHistory;
import org.tlsrpt.app.demo.DemoReport;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.processor.write.Retention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tlsrpt demo [--kafka HOST:PORT]} (and {@code tlsrpt run --demo}): hands {@link DemoHistory}'s 90 days of
 * made-up reports to the same intake as {@code import}, so they are counted, deduplicated and shown like any
 * report. Running it again the same day adds nothing: every report is one already stored, byte for byte.
 */
@Command(name = "demo",
        description = {"Hand 90 days of made-up reports for example.com, .net and .org to a running tlsrpt, like "
                + "import (a second run the same day adds nothing).",
                "Exit status as import's: 0 all stored, 1 some refused, 3 Kafka did not take them."})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    KafkaOption kafka;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    DemoCommand(Streams streams) {
        this(streams.out(), streams.err(), Clock.systemUTC());
    }

    public DemoCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        return run(kafka.address);
    }

    /** Feeds the demo into Kafka at {@code kafka} (null: the configured one, else the running {@code tlsrpt run}'s). */
    public int run(String kafka) {
        return ImportCommand.withIntake("demo", kafka, err, this::feed);
    }

    private int feed(ReportIntake intake, String kafka, Retention retention) {
        long started = System.nanoTime();
        List<DemoReport> reports = DemoHistory.endingYesterday(clock);
        out.printf("demo: %d made-up reports for example.com, example.net and example.org, %s to %s (organisation "
                + "names end in \"%s\", contact %s)%n", reports.size(), reports.get(0).day(),
                reports.get(reports.size() - 1).day(), DemoHistory.ORGANISATION_SUFFIX.strip(), DemoHistory.CONTACT);
        ImportSummary summary = new ImportSummary(retention);
        for (DemoReport report : reports) {
            Intake input = new Intake(Channel.IMPORT, report.json(), "application/tlsrpt+json", report.fileName(),
                    Instant.now(clock), "demo", Map.of("demo", report.fileName()), null);
            if (!ImportCommand.hand(intake, input, summary)) {
                err.println("tlsrpt demo: Kafka at " + kafka + " did not acknowledge " + report.fileName()
                        + "; stopped there. Running the demo again is safe: each report counts once.");
                break;
            }
        }
        summary.print(out, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return summary.exitStatus();
    }
}
