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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code tlsrpt import [--kafka HOST:PORT] PATH...}: hands files, directories, mbox files and Maildir folders to
 * the same intake as the ingest role (channel {@code import}), into the Kafka of a running {@code tlsrpt run}
 * (the embedded broker on 127.0.0.1) or the configured external one. Starts no service of its own. Running it twice
 * is safe: the processor counts each report identity once. On a terminal a progress bar (by bytes read) is drawn on
 * stderr; otherwise only the summary is printed.
 */
@Command(name = "import",
        description = {"Hand files, directories, mbox files and Maildirs to a running tlsrpt's Kafka, like reports "
                + "received by HTTP (starts nothing itself). Running it twice is safe: each report counts once.",
                "Exit status 0 when every input was stored, 1 when some were quarantined or refused, 3 when some "
                        + "could not be handed over (no Kafka, unreadable input)."})
final class ImportCommand implements Callable<Integer> {

    /** Kept referenced: java.util.logging forgets levels set on loggers nobody holds. */
    private static Logger kafkaLog;

    @Mixin
    KafkaOption kafka;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A report file, a directory (read recursively), an mbox file or a Maildir.")
    List<Path> paths;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean progress;

    ImportCommand(Streams streams) {
        this.out = streams.out();
        this.err = streams.err();
        this.progress = streams.terminal();
    }

    @Override
    public Integer call() {
        List<ImportInputs.Source> sources;
        try {
            sources = ImportInputs.find(paths);
        } catch (IOException e) {
            err.println("tlsrpt import: " + e.getMessage());
            return 2;
        }
        return withIntake("import", kafka.address, err, (intake, bootstrap, retention) -> importAll(intake, sources,
                bootstrap, retention));
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
        kafkaLog = Logger.getLogger("org.apache.kafka");
        kafkaLog.setLevel(Level.SEVERE); // its reconnect warnings would bury the answer
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
        ImportSummary summary = new ImportSummary(retention);
        List<String> problems = new ArrayList<>(); // printed after the bar is gone, so the bar does not tear them
        long[] done = {0};
        int[] inputs = {0};
        long maxBytes = Limits.DEFAULTS.maxMessageBytes();
        try (ProgressBar bar = progress ? progressBar(totalBytes) : null) {
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
                            bar.stepTo(done[0]).setExtraMessage(inputs[0] + " input(s)");
                        }
                    });
                } catch (Stop e) {
                    problems.add("Kafka at " + kafka + " did not acknowledge " + source.path() + "; stopped there. "
                            + "Running the same import again is safe: each report counts once.");
                    break;
                } catch (IOException e) {
                    summary.unreadable();
                    problems.add("cannot read " + source.path() + ": " + e.getMessage());
                }
                done[0] = before + source.size();
                if (bar != null) {
                    bar.stepTo(done[0]);
                }
            }
        }
        problems.forEach(problem -> err.println("tlsrpt import: " + problem));
        summary.print(out, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return summary.exitStatus();
    }

    /** By bytes, as the inputs differ in size by orders of magnitude; cleared when done, the summary follows. */
    private ProgressBar progressBar(long totalBytes) {
        boolean large = totalBytes >= 16L << 20;
        return new ProgressBarBuilder().setTaskName("import").setInitialMax(Math.max(1, totalBytes))
                .setUnit(large ? " MiB" : " KiB", large ? 1L << 20 : 1L << 10).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100).setConsumer(new ConsoleProgressBarConsumer(err))
                .clearDisplayOnFinish().hideEta().build();
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
