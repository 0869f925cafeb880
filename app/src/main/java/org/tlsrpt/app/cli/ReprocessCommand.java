package org.tlsrpt.app.cli;

import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.Producer;
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.ClickHouseEndpoint;
import org.tlsrpt.app.infra.ServiceAddresses;
import org.tlsrpt.app.roles.MailDkim;
import org.tlsrpt.core.RootCause;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.dkim.DkimPolicy;
import org.tlsrpt.ingest.dkim.DkimVerifier;
import org.tlsrpt.ingest.kafka.IntakeProducer;
import org.tlsrpt.processor.reprocess.Reprocessor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tlsrpt reprocess [--since ISO-INSTANT|DATE] [--reason CODE]}: hands quarantined items again to the ingest's
 * intake (channel {@code reprocess}: today's parser, the same allow-list and DKIM policy, no quotas), which publishes
 * those that now parse and pass to {@code tlsrpt.reports}, where the processor counts them (once, however often this
 * runs). Talks to the configured Kafka and ClickHouse, or to the embedded ones of a running {@code tlsrpt run}
 * ({@link ServiceAddresses}); starts nothing.
 */
@Command(name = "reprocess",
        description = {"Hand quarantined items again to the intake (today's parser, the same allow-list and DKIM "
                + "policy) and publish those that pass, to the configured Kafka and ClickHouse or a running "
                + "`tlsrpt run` on the same data directory."})
final class ReprocessCommand implements Callable<Integer> {

    /** The processor's own reason for a Kafka record it could not decode (not a parser refusal). */
    static final String MALFORMED_RECORD = "malformed-record";

    @Option(names = "--since", paramLabel = "ISO-INSTANT|DATE", converter = SinceConverter.class,
            description = "Only items quarantined at or after this instant (2026-11-01T08:00:00Z) or the start of "
                    + "this day in UTC (2026-11-01).")
    Instant since;

    @Option(names = "--reason", paramLabel = "CODE", converter = ReasonConverter.class,
            description = "Only items quarantined for this reason code (not-json, malformed-record, ...).")
    String reason;

    private final Streams streams;

    ReprocessCommand(Streams streams) {
        this.streams = streams;
    }

    Reprocessor.Filter filter() {
        return new Reprocessor.Filter(since, reason);
    }

    @Override
    public Integer call() {
        PrintStream out = streams.out();
        PrintStream err = streams.err();
        Reprocessor.Filter filter = filter();
        TlsrptConfig config;
        IngestConfig ingest;
        try {
            SmallRyeConfig loaded = CheckConfigCommand.load(IngestConfig.class);
            config = loaded.getConfigMapping(TlsrptConfig.class);
            ingest = loaded.getConfigMapping(IngestConfig.class);
        } catch (RuntimeException e) {
            err.println("invalid configuration: " + e.getMessage());
            return 1;
        }
        ServiceAddresses services = ServiceAddresses.of(config);
        ClickHouseEndpoint clickHouse;
        try {
            clickHouse = services.clickHouse();
        } catch (IllegalStateException e) {
            err.println("tlsrpt reprocess: " + e.getMessage());
            return 1;
        }
        DkimVerifier dkim = ingest.dkimPolicy() == DkimPolicy.REQUIRE ? MailDkim.verifier(ingest) : null;
        try (Producer<String, byte[]> producer = IntakeProducer.create(services.kafkaBootstrapServers(),
                "tlsrpt-reprocess", ingest.ackTimeout())) {
            ReportIntake intake = OperatorIntake.create(ingest, producer);
            Reprocessor.Outcome outcome = new Reprocessor(clickHouse.connector(),
                    item -> resubmit(intake, dkim, item)).run(filter);
            out.printf("examined %d quarantined items: %d reports published to %s, %d still refused, "
                    + "%d refused by the intake policy%n", outcome.examined(), outcome.published(),
                    Topics.REPORTS, outcome.stillRefused(), outcome.refusedByPolicy());
            return 0;
        } catch (Exception e) {
            err.println("tlsrpt reprocess: " + RootCause.reason(e) + " (ClickHouse " + clickHouse.jdbcUrl()
                    + ", Kafka " + services.kafkaBootstrapServers() + ")");
            err.println("  " + services.hint());
            return 1;
        }
    }

    /**
     * One quarantined item through the ingest's intake, channel {@code reprocess}: today's parser and today's
     * who-may-send rules. A mailed item is verified again when DKIM is required (the verdict is not kept in
     * quarantine); a key that cannot be fetched now leaves it refused for this run.
     */
    static Reprocessor.Resubmitted resubmit(ReportIntake intake, DkimVerifier dkim, Reprocessor.Item item)
            throws IOException {
        boolean mailed = item.channel().equals("smtp") || item.channel().equals("imap");
        DkimVerdict verdict = dkim != null && mailed ? dkim.verify(item.bytes()) : null;
        if (verdict != null && verdict.result() == DkimVerdict.Result.TEMPERROR) {
            return new Reprocessor.Resubmitted.RefusedByPolicy("DKIM key lookup failed: " + verdict.detail());
        }
        IntakeResult result = intake.receive(new Intake(Channel.REPROCESS, item.bytes(), item.mediaType(),
                item.coordinates().get("file-name"), Instant.now(), item.origin(), item.coordinates(), verdict));
        if (result instanceof IntakeResult.Stored stored) {
            return new Reprocessor.Resubmitted.Published(stored.keys().size());
        }
        if (result instanceof IntakeResult.Quarantined quarantined) {
            if (!quarantined.keys().isEmpty()) {
                return new Reprocessor.Resubmitted.Published(quarantined.keys().size());
            }
            boolean unsigned = quarantined.reasons().stream().anyMatch(r -> r.code() == RefusalCode.DKIM_REQUIRED);
            return unsigned ? new Reprocessor.Resubmitted.RefusedByPolicy("DKIM is required")
                    : new Reprocessor.Resubmitted.StillRefused();
        }
        if (result instanceof IntakeResult.Forbidden forbidden) {
            return new Reprocessor.Resubmitted.RefusedByPolicy(forbidden.reason());
        }
        if (result instanceof IntakeResult.Unavailable unavailable) {
            throw new IOException(unavailable.reason());
        }
        if (result instanceof IntakeResult.OverQuota overQuota) {
            throw new IOException(overQuota.reason()); // reprocessing is exempt; say so if it ever is not
        }
        return new Reprocessor.Resubmitted.StillRefused(); // NotAReport, TooLarge
    }

    /** An instant ({@code 2026-11-01T08:00:00Z}) or a date, meaning its start in UTC ({@code 2026-11-01}). */
    static Instant since(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new IllegalArgumentException("'" + value + "' is neither an instant like "
                        + "2026-11-01T08:00:00Z nor a date like 2026-11-01");
            }
        }
    }

    static String reason(String value) {
        if (value.equals(RefusalCode.DKIM_REQUIRED.code())) {
            throw new IllegalArgumentException("dkim-required: those reports parse; they were refused by "
                    + "the DKIM policy, which reprocessing does not override");
        }
        if (value.equals(MALFORMED_RECORD) || RefusalCode.fromCode(value).isPresent()) {
            return value;
        }
        StringBuilder known = new StringBuilder(MALFORMED_RECORD);
        for (RefusalCode code : RefusalCode.values()) {
            if (code != RefusalCode.DKIM_REQUIRED) {
                known.append(", ").append(code.code());
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a quarantine reason; one of: " + known);
    }

    static final class SinceConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return since(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ReasonConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return reason(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
