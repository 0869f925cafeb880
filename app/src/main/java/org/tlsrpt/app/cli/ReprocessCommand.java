package org.tlsrpt.app.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.RootCause;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.processor.reprocess.Reprocessor;

/**
 * {@code tlsrpt reprocess [--since ISO-INSTANT|DATE] [--reason CODE]}: runs quarantined items through today's parser
 * and publishes those that now parse to {@code tlsrpt.reports}, where the processor counts them (once, however often
 * this runs). Talks to the configured Kafka and ClickHouse, or to the embedded ones of a running {@code tlsrpt run};
 * starts nothing.
 */
public final class ReprocessCommand {

    static final String USAGE = "usage: tlsrpt reprocess [--since ISO-INSTANT|DATE] [--reason CODE]";
    /** The processor's own reason for a Kafka record it could not decode (not a parser refusal). */
    static final String MALFORMED_RECORD = "malformed-record";

    private ReprocessCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Reprocessor.Filter filter;
        try {
            filter = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("tlsrpt reprocess: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        TlsrptConfig config;
        try {
            config = CheckConfigCommand.load().getConfigMapping(TlsrptConfig.class);
        } catch (RuntimeException e) {
            err.println("invalid configuration: " + e.getMessage());
            return 1;
        }
        ConfiguredServices services = ConfiguredServices.of(config);
        try (Producer<String, byte[]> producer = producer(services.kafkaBootstrapServers())) {
            Reprocessor reprocessor = new Reprocessor(services.clickHouse(), producer,
                    new ReportReader(Limits.DEFAULTS), Topics.REPORTS, Clock.systemUTC());
            Reprocessor.Outcome outcome = reprocessor.run(filter);
            out.printf("examined %d quarantined items: %d reports published to %s, %d still refused%n",
                    outcome.examined(), outcome.published(), Topics.REPORTS, outcome.stillRefused());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tlsrpt reprocess: interrupted");
            return 1;
        } catch (Exception e) {
            err.println("tlsrpt reprocess: " + RootCause.reason(e) + " (ClickHouse "
                    + services.clickHouse().jdbcUrl()
                    + ", Kafka " + services.kafkaBootstrapServers() + ")");
            err.println("  " + services.hint());
            return 1;
        }
    }

    /** The filter the options ask for; {@code IllegalArgumentException} says what is wrong with them. */
    static Reprocessor.Filter parse(List<String> args) {
        Instant since = null;
        String reason = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.equals("--since") && !name.equals("--reason")) {
                throw new IllegalArgumentException(arg.startsWith("-") ? "unknown option '" + arg + "'"
                        : "unexpected argument '" + arg + "'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (name.equals("--since")) {
                if (since != null) {
                    throw new IllegalArgumentException("--since given twice");
                }
                since = since(value);
            } else {
                if (reason != null) {
                    throw new IllegalArgumentException("--reason given twice");
                }
                reason = reason(value);
            }
        }
        return new Reprocessor.Filter(since, reason);
    }

    /** An instant ({@code 2026-11-01T08:00:00Z}) or a date, meaning its start in UTC ({@code 2026-11-01}). */
    static Instant since(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new IllegalArgumentException("--since '" + value + "' is neither an instant like "
                        + "2026-11-01T08:00:00Z nor a date like 2026-11-01");
            }
        }
    }

    static String reason(String value) {
        if (value.equals(RefusalCode.DKIM_REQUIRED.code())) {
            throw new IllegalArgumentException("--reason dkim-required: those reports parse; they were refused by "
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
        throw new IllegalArgumentException("--reason '" + value + "' is not a quarantine reason; one of: " + known);
    }

    private static Producer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "tlsrpt-reprocess",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES,
                // an unreachable broker is an error after a few seconds, not a hang
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000),
                new StringSerializer(), new ByteArraySerializer());
    }
}
