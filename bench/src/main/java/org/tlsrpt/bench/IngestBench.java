package org.tlsrpt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.tlsrpt.app.testing.AppProcess;

/**
 * {@code bench/run ingest-http|ingest-smtp [--seconds N] [--warmup N] [--first-warmup N] [--clients N,N,...]}: starts the packaged
 * application with everything embedded, then for each client count drives a sustained load of 1 KB gzip reports
 * (warm-up, then a measured window) and prints {@code name: value unit} lines: acknowledged reports/s, errors, and
 * p50/p90/p99/max time to acknowledgement. The best throughput whose p99 stays under 50 ms is printed last.
 * The driver runs on the same machine as the application and competes with it for the cores.
 */
final class IngestBench {

    static final double P99_LIMIT_MS = 50;

    private final String suite;
    private int seconds = 30;
    private int warmup = 10;
    private int firstWarmup = 30;
    private List<Integer> clientCounts;
    private int pool = -1;
    private final List<String> appOptions = new ArrayList<>(List.of("-Xmx1g"));
    private String roles = "ingest";
    private int partitions = 6;
    private final List<String> brokerOptions = new ArrayList<>();

    private IngestBench(String suite, String[] args) {
        this.suite = suite;
        // Over HTTP each client waits for its answer, so throughput grows with clients until the cores are busy.
        this.clientCounts = suite.equals("ingest-http") ? List.of(8, 32, 64, 128) : List.of(8, 32, 64);
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--first-warmup" -> firstWarmup = Integer.parseInt(value);
                case "--clients" -> clientCounts = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                case "--pool" -> pool = Integer.parseInt(value);
                case "--app-opt" -> appOptions.add(value);
                case "--roles" -> roles = value;
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--broker-opt" -> brokerOptions.add(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --seconds N --warmup N --first-warmup N --clients N,N --pool N --app-opt JVM-OPTION"
                        + " --roles ingest|all --partitions N --broker-opt JVM-OPTION");
            }
            i++;
        }
    }

    static void main(String suite, String[] args) throws Exception {
        new IngestBench(suite, args).run();
    }

    private void run() throws Exception {
        boolean http = suite.equals("ingest-http");
        Path jar = Path.of(System.getProperty("tlsrpt.app.jar", "app/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl app -am install -DskipTests");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        print("# %s: the load driver and the application share this machine's %d cores; other processes may"
                + " run too (load average below)", suite, cores);
        print("%s.cores: %d cores", suite, cores);
        print("%s.load-average-before: %s", suite, loadAverage());

        // Unique reports for every round at a rate well above what 2 shared cores reach (capped: ~1 KB each, and
        // building them takes CPU time before the run); more are built on the fly if needed, and counted.
        int perSecond = 2_000;
        int size = pool >= 0 ? pool
                : Math.min(300_000, perSecond * ((seconds + warmup) * clientCounts.size() + firstWarmup));
        long buildStart = System.nanoTime();
        IntFunction<byte[]> build = http ? Reports::gzip : Reports::mail;
        Reports reports = new Reports(size, build);
        print("%s.payload: %d bytes (%s, average of %d built in %.1f s)", suite, reports.averageBytes(),
                http ? "application/tlsrpt+gzip body" : "multipart/report mail with a 1 KB gzip attachment",
                size, (System.nanoTime() - buildStart) / 1e9);

        // roles=ingest (the figure): the application runs the ingest role alone against the embedded broker
        // in a process of its own. roles=all: `tlsrpt run` as a user starts it, the processor draining into chDB too.
        BrokerProcess broker = roles.equals("all") ? null : new BrokerProcess(partitions, brokerOptions);
        List<String> options = new ArrayList<>(appOptions);
        if (broker != null) {
            options.addAll(List.of("-Dtlsrpt.roles=" + roles,
                    "-Dtlsrpt.kafka.bootstrap-servers=" + broker.bootstrapServers));
        }
        print("%s.roles: %s%s", suite, roles, broker == null ? " (everything embedded in the application)"
                : " (the embedded broker in a process of its own, " + partitions + " partitions)");
        long appStart = System.nanoTime();
        try (broker; AppProcess app = BenchApp.launch(jar, options).startReady(Duration.ofSeconds(180))) {
            int smtpPort = app.port("tlsrpt.ingest.smtp.port");
            print("%s.app-ready: %.1f s (pid %d)", suite, (System.nanoTime() - appStart) / 1e9, app.pid());
            Load load = http ? new HttpLoad(app.httpPort(), reports) : new SmtpLoad(smtpPort, reports);
            String unit = load.unit();
            Round best = null;
            Round fastest = null;
            boolean first = true;
            for (int clients : clientCounts) {
                // The first round also warms the JIT up (Quarkus, the broker, the producer): at 2 shared cores the
                // compiler threads alone took more CPU than the requests during the first 20 s.
                Round round = round(load, clients, app, broker, first ? firstWarmup : warmup);
                first = false;
                String name = suite + ".c" + clients;
                LatencyRecorder.Result r = round.result;
                print("%s.throughput: %.0f %s/s", name, r.perSecond(), unit);
                print("%s.acknowledged: %d %s in %.1f s", name, r.acknowledged(), unit, r.seconds());
                print("%s.errors: %d %s%s", name, r.failed(), unit, r.failures().isEmpty() ? "" : " " + r.failures());
                print("%s.p50: %.2f ms", name, r.millis(50));
                print("%s.p90: %.2f ms", name, r.millis(90));
                print("%s.p99: %.2f ms", name, r.millis(99));
                print("%s.max: %.2f ms", name, r.maxMillis());
                print("%s.cpu-app: %.2f cores", name, round.appCores);
                print("%s.cpu-driver: %.2f cores", name, round.driverCores);
                if (broker != null) {
                    print("%s.cpu-broker: %.2f cores", name, round.brokerCores);
                }
                print("%s.cpu-app-per-report: %.0f µs", name, round.appCores * 1e6 / r.perSecond());
                if (r.millis(99) < P99_LIMIT_MS && (best == null || r.perSecond() > best.result.perSecond())) {
                    best = round;
                }
                if (fastest == null || r.perSecond() > fastest.result.perSecond()) {
                    fastest = round;
                }
            }
            if (best != null) {
                print("%s.best: %.0f %s/s with p99 < %.0f ms (%d clients: p50 %.2f ms, p99 %.2f ms)", suite,
                        best.result.perSecond(), unit, P99_LIMIT_MS, best.clients, best.result.millis(50),
                        best.result.millis(99));
            } else {
                print("%s.best: none of the client counts kept p99 < %.0f ms", suite, P99_LIMIT_MS);
            }
            print("%s.peak: %.0f %s/s (%d clients, p99 %.2f ms)", suite, fastest.result.perSecond(), unit,
                    fastest.clients, fastest.result.millis(99));
            if (reports.builtDuringLoad() > 0) {
                print("%s.built-during-load: %d %s (the pool ran out; raise --pool)", suite,
                        reports.builtDuringLoad(), unit);
            }
            if (load instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        print("%s.load-average-after: %s", suite, loadAverage());
    }

    private record Round(int clients, LatencyRecorder.Result result, double appCores, double driverCores,
            double brokerCores) {
    }

    /** {@code clients} threads, each with its own connection, sending back to back: warm-up, then measured. */
    private Round round(Load load, int clients, AppProcess app, BrokerProcess broker, int warmupSeconds)
            throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            threads.execute(() -> drive(load, recorder, stop));
        }
        Thread.sleep(warmupSeconds * 1000L);
        long appCpu = CpuTime.ofTree(app.handle());
        long brokerCpu = broker == null ? 0 : CpuTime.ofTree(broker.handle());
        long driverCpu = CpuTime.own();
        long start = System.nanoTime();
        recorder.startMeasuring();
        Thread.sleep(seconds * 1000L);
        LatencyRecorder.Result result = recorder.stopMeasuring();
        double elapsed = System.nanoTime() - start;
        double appCores = (CpuTime.ofTree(app.handle()) - appCpu) / elapsed;
        double driverCores = (CpuTime.own() - driverCpu) / elapsed;
        double brokerCores = broker == null ? 0 : (CpuTime.ofTree(broker.handle()) - brokerCpu) / elapsed;
        stop.set(true);
        threads.shutdown();
        if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
        return new Round(clients, result, appCores, driverCores, brokerCores);
    }

    private static void drive(Load load, LatencyRecorder recorder, AtomicBoolean stop) {
        while (!stop.get()) {
            try (Load.Client client = load.client()) {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    String refused = client.send();
                    if (refused == null) {
                        recorder.acknowledged(System.nanoTime() - start);
                    } else {
                        recorder.failed(refused);
                    }
                }
            } catch (Exception e) {
                recorder.failed(e.getClass().getSimpleName());
                try {
                    Thread.sleep(100); // then reconnect
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (1/5/15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
