package org.tlsrpt.app.distributed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tlsrpt.embedded.kafka.KafkaNodeMain;

/**
 * One Kafka node of the test cluster in its own JVM ({@link KafkaNodeMain}), so that {@link #kill()} is a real
 * {@code kill -9}: no clean shutdown, no flush, the other nodes see it vanish.
 */
final class KafkaNodeProcess implements AutoCloseable {

    private final int nodeId;
    private final int port;
    private final Process process;
    private final Path log;

    private KafkaNodeProcess(int nodeId, int port, Process process, Path log) {
        this.nodeId = nodeId;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the node; it becomes ready only together with a majority of the others (see {@link #awaitReady}). */
    static KafkaNodeProcess start(Path workDir, int nodeId, int port, String voters, String clusterId,
            int partitions) throws IOException {
        Path dir = workDir.resolve("kafka-" + nodeId);
        Files.createDirectories(dir);
        Path log = dir.resolve("node.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), KafkaNodeMain.class.getName(),
                "--node-id=" + nodeId, "--voters=" + voters, "--port=" + port, "--data-dir=" + dir,
                "--cluster-id=" + clusterId, "--partitions=" + partitions);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new KafkaNodeProcess(nodeId, port, process, log);
    }

    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8).contains("ready 127.0.0.1:" + port)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Kafka node " + nodeId + " did not become ready; log:\n" + Logs.tail(log));
    }

    int nodeId() {
        return nodeId;
    }

    String bootstrapServer() {
        return "127.0.0.1:" + port;
    }

    /** CPU seconds this process has used so far. */
    double cpuSeconds() {
        return ProcessCpu.seconds(process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Closes the node's standard input, on which it stops cleanly. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
