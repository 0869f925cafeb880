package org.tlsrpt.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tlsrpt.app.testing.WorkDirs;
import org.tlsrpt.embedded.FreePorts;

/**
 * {@link StandaloneBroker} in a child JVM of the benchmark, on a fresh temporary data directory; {@link #close()}
 * ends it by closing its input and deletes the directory.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final Process process;
    final String bootstrapServers;

    BrokerProcess(int partitions, List<String> jvmOptions) throws IOException {
        dataDir = Files.createTempDirectory("tlsrpt-bench-broker-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StandaloneBroker.class.getName(),
                Integer.toString(FreePorts.pick()), Integer.toString(FreePorts.pick()), dataDir.toString(),
                Integer.toString(partitions)));
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
            // the broker logs before it is ready
        }
        if (line == null) {
            throw new IllegalStateException("the broker exited with " + waitExit() + " before it was ready");
        }
        bootstrapServers = line.substring("ready ".length());
        // Keep reading, or the broker blocks once the pipe is full.
        Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "broker-output");
        drain.setDaemon(true);
        drain.start();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    private int waitExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        WorkDirs.delete(dataDir);
    }
}
