package org.tlsrpt.app.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.embedded.FreePorts;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouse;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouseConfig;
import org.tlsrpt.processor.TestReports;

/**
 * The distributed shape on one machine: three Kafka brokers (KRaft, each its own process, replication 3,
 * {@code min.insync.replicas} 2), one ClickHouse (chDB child process), and the roles as separate application
 * processes: ingest × 2, processor × 2, api × 1. Reports go through both ingest instances over HTTP; in the
 * middle one broker (the active controller) and one processor are killed with {@code kill -9}. Every report
 * answered 201 must then be counted exactly once (the stored aggregates and the api's totals equal a tally the
 * generator keeps of what it sent), and the killed processor's partitions must have moved to the survivor.
 *
 * <p>Runs with {@code -Pdistributed} (see docs/deployment.md); {@code -Dtlsrpt.distributed.reports=N} changes the
 * number of reports (50,000 by default). Logs of every process stay under {@code app/target/distributed/}.
 */
class DistributedIT {

    private static final int REPORTS = Integer.getInteger("tlsrpt.distributed.reports", 50_000);
    private static final int PARTITIONS = 6;
    private static final int CLIENTS = Integer.getInteger("tlsrpt.distributed.clients", 64);
    private static final String GROUP = "tlsrpt-processor";
    private static final String REPORTS_TOPIC = "tlsrpt.reports";
    private static final String APP_HEAP = "-Xmx384m";
    private static final String API_TOKEN = "distributed-test-token-" + Uuid.randomUuid();

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void reportsThroughTwoIngestsAreCountedExactlyOnceAfterABrokerAndAProcessorAreKilled() throws Exception {
        assumeTrue(Boolean.getBoolean("tlsrpt.distributed"), "runs with -Pdistributed");
        Path workDir = freshWorkDir();
        long started = System.nanoTime();

        // Kafka: three nodes, each broker and controller, in their own JVMs.
        List<Integer> ports = distinctFreePorts(6);
        String voters = "1@" + ports.get(3) + ",2@" + ports.get(4) + ",3@" + ports.get(5);
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaNodeProcess> brokers = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            brokers.add(keep(KafkaNodeProcess.start(workDir, node, ports.get(node - 1), voters, clusterId,
                    PARTITIONS)));
        }
        for (KafkaNodeProcess broker : brokers) {
            broker.awaitReady(Duration.ofMinutes(3));
        }
        String bootstrap = brokers.stream().map(KafkaNodeProcess::bootstrapServer).collect(Collectors.joining(","));
        Admin admin = keep(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000)));
        assertReplicatedOnEveryBrokerWithMinInsyncTwo(admin);

        // ClickHouse: the chDB engine in its own process behind ClickHouse's HTTP interface.
        EmbeddedClickHouse clickHouse = keep(EmbeddedClickHouse.start(
                EmbeddedClickHouseConfig.defaults(workDir.resolve("clickhouse")).withPort(0)));
        ClickHouseQueries sql = new ClickHouseQueries(clickHouse.httpUrl(), clickHouse.config().user(),
                clickHouse.config().password());
        List<String> external = List.of("tlsrpt.kafka.bootstrap-servers=" + bootstrap,
                "tlsrpt.clickhouse.jdbc-url=" + clickHouse.jdbcUrl(),
                "tlsrpt.clickhouse.password=" + clickHouse.config().password());

        // The roles, each in its own process; the schema first, as the Kubernetes Job does.
        AppProcess.packaged().settings(external).runToEnd(workDir, Duration.ofMinutes(3), "migrate");
        List<String> roleSettings = concat(external, List.of("tlsrpt.clickhouse.migrate=false"));
        List<String> ingestSettings = concat(roleSettings, List.of("tlsrpt.roles=ingest",
                "tlsrpt.ingest.smtp.port=0",
                // one client address sends everything here; the per-address limit is for the Internet
                "tlsrpt.ingest.http.rate-per-minute=100000000", "tlsrpt.ingest.http.burst=100000"));
        List<String> processorSettings = concat(roleSettings, List.of("tlsrpt.roles=processor",
                "tlsrpt.processor.session-timeout=6s"));
        List<AppProcess> ingests = List.of(
                keep(role(workDir, "ingest-1", ingestSettings)),
                keep(role(workDir, "ingest-2", ingestSettings)));
        List<AppProcess> processors = List.of(
                keep(role(workDir, "processor-1", processorSettings)),
                keep(role(workDir, "processor-2", processorSettings)));
        AppProcess api = keep(role(workDir, "api",
                concat(roleSettings, List.of("tlsrpt.roles=api", "tlsrpt.api.token=" + API_TOKEN,
                        "tlsrpt.api.token-pepper=distributed-it-pepper"))));
        for (AppProcess role : Stream.of(ingests, processors, List.of(api)).flatMap(List::stream).toList()) {
            role.requireReady(Duration.ofMinutes(3));
        }
        Map<String, Set<TopicPartition>> before = awaitMembers(admin, 2, Duration.ofMinutes(2));
        assertThat(before.values()).as("both processors consume").allSatisfy(p -> assertThat(p).isNotEmpty());
        double startupSeconds = (System.nanoTime() - started) / 1e9;

        // The reports and what they must add up to, tallied from the generator's own parameters.
        TestReports.Tally tally = new TestReports.Tally();
        List<String> bodies = new ArrayList<>(REPORTS);
        for (int n = 0; n < REPORTS; n++) {
            bodies.add(TestReports.generate(n, tally));
        }
        LoadDriver driver = new LoadDriver(ingests.stream().map(AppProcess::baseUrl).toList(), bodies, CLIENTS,
                Duration.ofMinutes(3));
        String loadBefore = loadAverage();
        driver.start();

        // In the middle: kill -9 the active controller (a broker too) and one processor.
        while (driver.acknowledged() < REPORTS * 2L / 5 && !driver.awaitFinished(Duration.ofMillis(50))) {
            // wait for the middle
        }
        assertThat(driver.acknowledged()).as("the load is still running at the kill").isLessThan(REPORTS);
        int controller = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
        KafkaNodeProcess killedBroker = brokers.get(controller - 1);
        AppProcess killedProcessor = processors.get(0);
        AppProcess survivor = processors.get(1);
        killedBroker.kill();
        killedProcessor.kill();
        long killedAt = System.nanoTime();
        long[] acknowledgedAtKill = {driver.acknowledgedBy(0), driver.acknowledgedBy(1)};
        long storedAtKill = sql.number("SELECT uniqExact(key) FROM reports");
        // From here on the JVMs are warm: CPU used per report after the kill is what sizing takes.
        CpuUse atKill = CpuUse.of(ingests, survivor, brokers, clickHouse);

        assertThat(driver.awaitFinished(Duration.ofMinutes(30))).as("the load finished").isTrue();
        assertThat(driver.refused()).as("reports never answered 201").isEmpty();
        double loadSeconds = driver.seconds();
        CpuUse atLoadEnd = CpuUse.of(ingests, survivor, brokers, clickHouse);

        // Everything acknowledged arrives, though only one processor runs since the kill.
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long stored = 0;
        while (System.nanoTime() < deadline && (stored = sql.number("SELECT uniqExact(key) FROM reports")) < REPORTS) {
            assertThat(survivor.isAlive()).as("the surviving processor runs").isTrue();
            Thread.sleep(1_000);
        }
        double drainedSeconds = (System.nanoTime() - killedAt) / 1e9;
        CpuUse atDrained = CpuUse.of(ingests, survivor, brokers, clickHouse);
        String loadAfter = loadAverage();
        assertThat(stored).as("distinct reports stored").isEqualTo(REPORTS);
        assertThat(storedAtKill).as("reports still to store when the processor was killed").isLessThan(REPORTS);

        Map<String, Set<TopicPartition>> after = awaitMembers(admin, 1, Duration.ofMinutes(1));
        assertThat(after.values().iterator().next()).as("the survivor consumes every partition")
                .containsExactlyInAnyOrderElementsOf(allPartitions());
        assertThat(killedBroker.isAlive()).isFalse();

        // Exactly once: every aggregate row equals the tally, nothing missing, nothing twice.
        assertThat(sql.number("SELECT count() FROM reports FINAL")).isEqualTo(REPORTS);
        assertThat(dailyPolicy(sql)).as("daily_policy").isEqualTo(tally.dailyPolicy);
        assertThat(dailyFailures(sql)).as("daily_failures").isEqualTo(tally.dailyFailures);
        // ...and what a user sees: the api role's per-domain totals equal the tally's.
        assertThat(new ApiTotals(api.baseUrl(), API_TOKEN).byDomainAndType(ApiTotals.domains(tally)))
                .as("the api's totals per domain and policy type").isEqualTo(ApiTotals.expected(tally));

        System.out.printf("distributed: %d reports through 2 ingest instances in %.1f s (%.0f/s, %d clients, mean"
                + " %.0f ms to 201; retries %s); killed broker %d (the controller) and %s at %d acknowledged, %d"
                + " stored; all stored %.1f s after the kill by %s alone; startup %.1f s, total %.1f s; load average"
                + " %s before the load, %s after%n", REPORTS, loadSeconds, REPORTS / loadSeconds, CLIENTS,
                driver.meanMillisTo201(), driver.retriesByCause(), controller, killedProcessor.name(),
                acknowledgedAtKill[0] + acknowledgedAtKill[1], storedAtKill, drainedSeconds, survivor.name(),
                startupSeconds, (System.nanoTime() - started) / 1e9, loadBefore, loadAfter);
        double afterKillSeconds = loadSeconds - (killedAt - driver.startedNanos()) / 1e9;
        for (int i = 0; i < 2; i++) {
            long sent = driver.acknowledgedBy(i) - acknowledgedAtKill[i];
            double cpu = atLoadEnd.ingest()[i] - atKill.ingest()[i];
            System.out.printf("sizing: ingest-%d after the kill: %d reports acknowledged in %.1f s (%.0f/s) using"
                    + " %.1f CPU s: %.0f reports per CPU second%n", i + 1, sent, afterKillSeconds,
                    sent / afterKillSeconds, cpu, sent / cpu);
        }
        long storedAfterKill = REPORTS - storedAtKill;
        double processorCpu = atDrained.survivor() - atKill.survivor();
        System.out.printf("sizing: %s alone after the kill: %d reports stored in %.1f s (%.0f/s) using %.1f CPU s:"
                + " %.0f reports per CPU second%n", survivor.name(), storedAfterKill, drainedSeconds,
                storedAfterKill / drainedSeconds, processorCpu, storedAfterKill / processorCpu);
        double brokerCpu = atDrained.brokers() - atKill.brokers();
        double clickHouseCpu = atDrained.clickHouse() - atKill.clickHouse();
        System.out.printf("sizing: after the kill, the 2 Kafka brokers used %.1f CPU s (%.0f reports per CPU second),"
                + " ClickHouse (chDB) %.1f CPU s (%.0f reports per CPU second)%n", brokerCpu,
                (REPORTS - acknowledgedAtKill[0] - acknowledgedAtKill[1]) / brokerCpu, clickHouseCpu,
                storedAfterKill / clickHouseCpu);
        printTableSizes(sql);
    }

    /** CPU seconds used so far by the ingest instances, the surviving processor, the live brokers, ClickHouse. */
    private record CpuUse(double[] ingest, double survivor, double brokers, double clickHouse) {

        static CpuUse of(List<AppProcess> ingests, AppProcess survivor, List<KafkaNodeProcess> brokers,
                EmbeddedClickHouse clickHouse) {
            return new CpuUse(ingests.stream().mapToDouble(role -> ProcessCpu.seconds(role.pid())).toArray(), ProcessCpu.seconds(survivor.pid()),
                    brokers.stream().filter(KafkaNodeProcess::isAlive).mapToDouble(KafkaNodeProcess::cpuSeconds).sum(),
                    ProcessCpu.seconds(clickHouse.childPid().orElse(-1)));
        }
    }

    private static void assertReplicatedOnEveryBrokerWithMinInsyncTwo(Admin admin) throws Exception {
        Map<String, TopicDescription> topics = admin.describeTopics(List.of(REPORTS_TOPIC, "tlsrpt.quarantine"))
                .allTopicNames().get(60, TimeUnit.SECONDS);
        assertThat(topics.get(REPORTS_TOPIC).partitions()).hasSize(PARTITIONS);
        topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                assertThat(partition.replicas()).as(topic.name()).hasSize(3)));
        for (String topic : topics.keySet()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(60, TimeUnit.SECONDS).get(resource);
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).as(topic).isEqualTo("2");
        }
    }

    /** Waits until the processors' group is stable with {@code count} members; their partitions by member. */
    private static Map<String, Set<TopicPartition>> awaitMembers(Admin admin, int count, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Set<TopicPartition>> members = Map.of();
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                    .get(60, TimeUnit.SECONDS).get(GROUP);
            members = new TreeMap<>();
            Set<TopicPartition> assigned = new HashSet<>();
            for (MemberDescription member : group.members()) {
                Set<TopicPartition> partitions = member.assignment().topicPartitions().stream()
                        .filter(p -> p.topic().equals(REPORTS_TOPIC)).collect(Collectors.toSet());
                members.put(member.consumerId(), partitions);
                assigned.addAll(partitions);
            }
            if (members.size() == count && assigned.equals(allPartitions())) {
                return members;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("group " + GROUP + " did not settle on " + count + " members: " + members);
    }

    private static Set<TopicPartition> allPartitions() {
        Set<TopicPartition> all = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(new TopicPartition(REPORTS_TOPIC, p));
        }
        return all;
    }

    private static Map<String, List<Long>> dailyPolicy(ClickHouseQueries sql) throws Exception {
        return keyed(sql.rows("SELECT policy_domain, day, policy_type, organization, sum(reports), sum(successful),"
                + " sum(failed) FROM daily_policy GROUP BY policy_domain, day, policy_type, organization"), 4);
    }

    private static Map<String, List<Long>> dailyFailures(ClickHouseQueries sql) throws Exception {
        return keyed(sql.rows("SELECT policy_domain, day, policy_type, result_type, receiving_mx_hostname,"
                + " sending_mta_ip, sum(details), sum(failed_sessions) FROM daily_failures GROUP BY policy_domain,"
                + " day, policy_type, result_type, receiving_mx_hostname, sending_mta_ip"), 6);
    }

    /** Rows as the tally keys them: the first {@code keyColumns} joined with '|', then the sums. */
    private static Map<String, List<Long>> keyed(List<String[]> rows, int keyColumns) {
        Map<String, List<Long>> map = new TreeMap<>();
        for (String[] row : rows) {
            List<Long> sums = new ArrayList<>();
            for (int i = keyColumns; i < row.length; i++) {
                sums.add(Long.parseLong(row[i]));
            }
            map.put(String.join("|", List.of(row).subList(0, keyColumns)), sums);
        }
        return map;
    }

    /**
     * Compressed size of each table on disk, for the sizing figures in docs/deployment.md: after merging each
     * table's parts, as ClickHouse does in the background over time (fresh small parts compress worse).
     */
    private static void printTableSizes(ClickHouseQueries sql) throws Exception {
        for (String[] table : sql.rows("SELECT name FROM system.tables WHERE database = currentDatabase()"
                + " AND engine LIKE '%MergeTree'")) {
            sql.rows("OPTIMIZE TABLE " + table[0] + " FINAL");
        }
        List<String[]> rows = sql.rows("SELECT table, sum(rows), sum(data_compressed_bytes),"
                + " sum(data_uncompressed_bytes), sum(bytes_on_disk) FROM system.parts"
                + " WHERE active AND database = currentDatabase() GROUP BY table ORDER BY table");
        long compressed = 0;
        long onDisk = 0;
        for (String[] row : rows) {
            System.out.printf("table %-20s rows %10s compressed %12s uncompressed %12s on disk %12s%n",
                    row[0], row[1], row[2], row[3], row[4]);
            compressed += Long.parseLong(row[2]);
            onDisk += Long.parseLong(row[4]);
        }
        System.out.printf("all tables: compressed %d bytes, on disk %d bytes for %d reports: %.0f MB per million"
                + " reports on disk%n", compressed, onDisk, REPORTS, onDisk * 1e6 / REPORTS / 1e6);
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " / " + fields[1] + " / " + fields[2];
    }

    private static Path freshWorkDir() throws IOException {
        Path dir = Path.of("target", "distributed").toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static List<Integer> distinctFreePorts(int count) {
        Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(FreePorts.pick());
        }
        return List.copyOf(ports);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** One role's process, as one Deployment's pod runs it: its own directory below {@code workDir}. */
    private static AppProcess role(Path workDir, String name, List<String> settings) throws IOException {
        return AppProcess.packaged().named(name).heap(APP_HEAP).settings(settings).start(workDir);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }
}
