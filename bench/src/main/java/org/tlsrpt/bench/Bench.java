package org.tlsrpt.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code bench/run SUITE}: runs a JMH suite on one thread and prints one {@code name: value unit} line per
 * figure, so results can be pasted into docs/benchmarks.md and compared across runs. {@code ingest-http} and
 * {@code ingest-smtp} are load drivers against the packaged application instead (see {@link IngestBench});
 * {@code processor}, {@code e2e} and {@code query} ({@link ProcessorBench}, {@link EndToEndBench},
 * {@link QueryBench}) print issue 15's figures beside their targets ({@link Target}). Options: see bench/run.
 */
public final class Bench {

    private Bench() {
    }

    /**
     * The HTTP client's wire log, at INFO as in the application: left to this process's defaults it counted as enabled
     * and formatted every byte sent to ClickHouse (7 % of the processor benchmark's CPU samples). Held so that the
     * level stays set.
     */
    private static final java.util.logging.Logger WIRE_LOG = java.util.logging.Logger.getLogger("org.apache.hc");

    public static void main(String[] args) throws Exception {
        WIRE_LOG.setLevel(java.util.logging.Level.INFO);
        String suite = args.length > 0 ? args[0] : "decoder";
        if (suite.equals("ingest-http") || suite.equals("ingest-smtp")) {
            IngestBench.main(suite, args);
            return;
        }
        if (suite.equals("processor")) {
            ProcessorBench.main(args);
            return;
        }
        if (suite.equals("e2e")) {
            EndToEndBench.main(args);
            return;
        }
        if (suite.equals("query")) {
            QueryBench.main(args);
            return;
        }
        if (!suite.equals("decoder")) {
            System.err.println("unknown suite '" + suite + "'; known: decoder, ingest-http, ingest-smtp, processor, query, e2e");
            System.exit(2);
        }
        boolean quick = args.length > 1 && args[1].equals("--quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(DecoderBenchmark.class.getName())
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 3))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 3))
                .jvmArgsAppend("-Xmx2g", "-Dtlsrpt.corpus=" + System.getProperty("tlsrpt.corpus", "../shared/corpus/tlsrpt"));
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double opsPerSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            System.out.printf(Locale.ROOT, "%s: %.0f reports/s (± %.0f)%n", name, opsPerSecond, error);
            Long bytes = DecoderBenchmark.INPUT_BYTES.get(name);
            if (bytes != null) {
                System.out.printf(Locale.ROOT, "%s: %.1f MB/s of JSON%n", name, opsPerSecond * bytes / 1e6);
            }
        }
    }
}
