package org.tlsrpt.embedded.kafka;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.tlsrpt.embedded.FreePorts;

/**
 * A running Kafka broker (KRaft, combined broker and controller) inside this JVM, bound to 127.0.0.1: a single node,
 * or one node of a {@link KraftCluster} (see {@link KafkaNodeMain}). See docs/adr/0001-embedded-kafka.md for why it
 * runs in-process.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir))) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedKafka.class.getName());

    private final EmbeddedKafkaConfig config;
    private final int port;
    private final int controllerPort;
    private final KafkaRaftServer server;
    private volatile boolean running;

    private EmbeddedKafka(EmbeddedKafkaConfig config, int port, int controllerPort, KafkaRaftServer server) {
        this.config = config;
        this.port = port;
        this.controllerPort = controllerPort;
        this.server = server;
        this.running = true;
    }

    /**
     * Formats the storage on first start, starts the broker, waits until it serves metadata and creates the
     * configured topics. Returns once producers can write.
     *
     * @throws EmbeddedKafkaException when the broker does not start or the topics cannot be created in time
     */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        int port = FreePorts.resolve(config.port());
        int controllerPort = FreePorts.resolve(config.controllerPort());
        while (controllerPort == port) {
            controllerPort = FreePorts.pick();
        }
        long started = System.nanoTime();
        Properties properties = BrokerProperties.of(config, port, controllerPort);
        KafkaRaftServer server = null;
        try {
            boolean formatted = StorageFormatter.formatIfNeeded(config.kafkaDir(), properties,
                    config.cluster() == null ? null : config.cluster().clusterId());
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            long formattedAt = System.nanoTime();
            server.startup();
            long serverStartedAt = System.nanoTime();
            EmbeddedKafka kafka = new EmbeddedKafka(config, port, controllerPort, server);
            kafka.provisionTopics();
            long now = System.nanoTime();
            LOG.log(System.Logger.Level.INFO, "embedded Kafka ready on {0} in {1} ms (format {2} ms, startup {3} ms,"
                    + " metadata and topics {4} ms; data {5}, {6})", kafka.bootstrapServers(), millis(now - started),
                    millis(formattedAt - started), millis(serverStartedAt - formattedAt), millis(now - serverStartedAt),
                    config.kafkaDir(), formatted ? "formatted now" : "existing storage");
            return kafka;
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            stopQuietly(server);
            throw new EmbeddedKafkaException("embedded Kafka did not start on 127.0.0.1:" + port + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(server);
            throw new EmbeddedKafkaException("interrupted while starting embedded Kafka", e);
        }
    }

    private static String millis(long nanos) {
        return Long.toString(TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    private void provisionTopics() throws ExecutionException, InterruptedException, TimeoutException {
        long timeout = config.startTimeout().toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            awaitBrokers(admin, config.replicationFactor(), timeout);
            TopicProvisioner.provision(admin, config.topics(), config, timeout);
        }
    }

    /**
     * Waits until {@code count} brokers are registered: a cluster's topics are replicated on every node, so they can
     * be created only once all nodes are up.
     */
    private static void awaitBrokers(Admin admin, int count, long timeoutMillis)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            int brokers = admin.describeCluster().nodes().get(timeoutMillis, TimeUnit.MILLISECONDS).size();
            if (brokers >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(brokers + " of " + count + " brokers registered");
            }
            Thread.sleep(200);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers(port);
    }

    /** The address of an embedded broker listening on {@code port}, as a client outside its process names it. */
    public static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public EmbeddedKafkaConfig config() {
        return config;
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops the broker cleanly: logs are flushed and the next start on the same data directory resumes them. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        stopQuietly(server);
        LOG.log(System.Logger.Level.INFO, "embedded Kafka on {0} stopped", bootstrapServers());
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "embedded Kafka did not shut down cleanly", e);
        }
    }
}
