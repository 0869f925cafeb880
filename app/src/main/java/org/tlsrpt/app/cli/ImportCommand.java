package org.tlsrpt.app.cli;

import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Producer;
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.ServiceAddresses;
import org.tlsrpt.core.Limits;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.files.ImportInputs;
import org.tlsrpt.ingest.files.ImportItem;
import org.tlsrpt.ingest.kafka.IntakeProducer;
import org.tlsrpt.processor.write.Retention;

/**
 * {@code tlsrpt import [--kafka HOST:PORT] PATH...}: hands files, directories, mbox files and Maildir folders to
 * the same intake as the ingest role (channel {@code import}), into the Kafka of a running {@code tlsrpt run}
 * (the embedded broker on 127.0.0.1) or the configured external one. Starts no service of its own. Running it twice
 * is safe: the processor counts each report identity once.
 */
public final class ImportCommand {

    static final String USAGE = "usage: tlsrpt import [--kafka HOST:PORT] PATH...   (files, directories, mbox, Maildir)";

    /** Kept referenced: java.util.logging forgets levels set on loggers nobody holds. */
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean progress;

    /** @param progress draw a progress bar on {@code err} (when it is a terminal) */
    public ImportCommand(PrintStream out, PrintStream err, boolean progress) {
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    public int run(List<String> args) {
        List<String> rest = new ArrayList<>();
        String kafka = kafkaOption(args, rest);
        List<Path> paths = new ArrayList<>();
        for (String arg : rest) {
            if (arg.startsWith("--")) {
                err.println("tlsrpt import: unknown option '" + arg + "'");
                err.println(USAGE);
                return 2;
            }
            paths.add(Path.of(arg));
        }
        if (paths.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        List<ImportInputs.Source> sources;
        try {
            sources = ImportInputs.find(paths);
        } catch (IOException e) {
            err.println("tlsrpt import: " + e.getMessage());
            return 2;
        }
        return withIntake("import", kafka, err, (intake, bootstrap, retention) -> importAll(intake, sources, bootstrap,
                retention));
    }

    /**
     * The value of {@code --kafka HOST:PORT} or {@code --kafka=HOST:PORT}, null without; the other arguments go to
     * {@code rest}.
     */
    static String kafkaOption(List<String> args, List<String> rest) {
        String kafka = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--kafka") && i + 1 < args.size()) {
                kafka = args.get(++i);
            } else if (arg.startsWith("--kafka=")) {
                kafka = arg.substring("--kafka=".length());
            } else {
                rest.add(arg);
            }
        }
        return kafka;
    }

    /**
     * What a command does with the operator intake on a Kafka that answered, knowing the configured retention (for
     * {@link ImportSummary}); returns the exit status.
     */
    interface IntakeUse {
        int use(ReportIntake intake, String kafka, Retention retention);
    }

    /**
     * Runs {@code use} with the operator intake on Kafka at {@code kafka} (null: the configured one, else the running
     * {@code tlsrpt run}'s), or says why not: 2 for invalid configuration, 3 when no broker answers.
     */
    static int withIntake(String command, String kafka, PrintStream err, IntakeUse use) {
        SmallRyeConfig config;
        try {
            config = CheckConfigCommand.load(IngestConfig.class);
        } catch (RuntimeException e) {
            err.println("tlsrpt " + command + ": invalid configuration: " + e.getMessage());
            return 2;
        }
        TlsrptConfig tlsrpt = config.getConfigMapping(TlsrptConfig.class);
        IngestConfig ingest = config.getConfigMapping(IngestConfig.class);
        String bootstrap = kafka == null ? ServiceAddresses.of(tlsrpt).kafkaBootstrapServers() : kafka;
        KAFKA_LOG.setLevel(Level.SEVERE); // its reconnect warnings would bury the answer
        String unreachable = unreachable(bootstrap);
        if (unreachable != null) {
            err.println("tlsrpt " + command + ": no Kafka at " + bootstrap + " (" + unreachable + "). Start "
                    + "`tlsrpt run` first, or set tlsrpt.kafka.bootstrap-servers / --kafka; " + command
                    + " never starts one itself.");
            return 3;
        }
        try (Producer<String, byte[]> producer = IntakeProducer.create(bootstrap, "tlsrpt-" + command,
                ingest.ackTimeout())) {
            return use.use(OperatorIntake.create(ingest, producer), bootstrap,
                    new Retention(tlsrpt.clickhouse().retentionDays(), Clock.systemUTC()));
        }
    }

    private int importAll(ReportIntake intake, List<ImportInputs.Source> sources, String kafka,
            Retention retention) {
        long started = System.nanoTime();
        long totalBytes = sources.stream().mapToLong(ImportInputs.Source::size).sum();
        ProgressBar bar = progress ? new ProgressBar(err, totalBytes) : null;
        ImportSummary summary = new ImportSummary(retention);
        long[] done = {0};
        int[] inputs = {0};
        String stopped = null;
        long maxBytes = Limits.DEFAULTS.maxMessageBytes();
        for (ImportInputs.Source source : sources) {
            long before = done[0];
            try {
                ImportInputs.read(source, maxBytes, item -> {
                    boolean handedOver = hand(intake, item, summary);
                    done[0] += item.size();
                    inputs[0]++;
                    if (!handedOver) {
                        throw new Stop();
                    }
                    if (bar != null) {
                        bar.update(done[0], inputs[0], false);
                    }
                });
            } catch (Stop e) {
                stopped = "Kafka at " + kafka + " did not acknowledge " + source.path() + "; stopped there. "
                        + "Running the same import again is safe: each report counts once.";
                break;
            } catch (IOException e) {
                summary.unreadable();
                if (bar != null) {
                    bar.finish();
                }
                err.println("tlsrpt import: cannot read " + source.path() + ": " + e.getMessage());
            }
            done[0] = before + source.size();
        }
        if (bar != null) {
            bar.update(done[0], inputs[0], true);
            bar.finish();
        }
        if (stopped != null) {
            err.println("tlsrpt import: " + stopped);
        }
        summary.print(out, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return summary.exitStatus();
    }

    /** False when Kafka did not take it. */
    private static boolean hand(ReportIntake intake, ImportItem item, ImportSummary summary) {
        if (item.tooLarge()) {
            summary.tooLarge(item.size());
            return true;
        }
        return hand(intake, new Intake(Channel.IMPORT, item.raw(), item.declaredType(), item.fileName(),
                Instant.now(), "import", item.coordinates(), null), summary);
    }

    /** False when Kafka did not take it. */
    static boolean hand(ReportIntake intake, Intake input, ImportSummary summary) {
        IntakeResult result = intake.receive(input);
        summary.count(result, input.raw().length);
        return !(result instanceof IntakeResult.Unavailable || result instanceof IntakeResult.OverQuota);
    }

    /** Null when a broker answers at {@code bootstrap}, else why not. */
    private static String unreachable(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            admin.describeCluster().nodes().get(6, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause().getClass().getSimpleName();
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer within " + Duration.ofSeconds(6).toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (org.apache.kafka.common.KafkaException e) {
            return e.getMessage();
        }
    }

    /** Ends the walk at the first input Kafka did not take: the rest would only wait for the same timeout. */
    private static final class Stop extends IOException {
        Stop() {
            super(null, null);
        }
    }
}
