package org.tlsrpt.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Formats the KRaft log directory on first start. A single node generates its cluster id once; the nodes of a
 * {@link KraftCluster} share the one they are given. It is kept in {@code meta.properties} inside the directory, so
 * later starts find it there and skip formatting.
 */
final class StorageFormatter {

    private StorageFormatter() {
    }

    static boolean isFormatted(Path kafkaDir) {
        return Files.isRegularFile(kafkaDir.resolve("meta.properties"));
    }

    /** Formats {@code kafkaDir} unless it already is, with {@code clusterId} or a new one when null; true when it did. */
    static boolean formatIfNeeded(Path kafkaDir, Properties brokerProperties, String clusterId) throws IOException {
        if (isFormatted(kafkaDir)) {
            return false;
        }
        Files.createDirectories(kafkaDir);
        Path configFile = Files.createTempFile("tlsrpt-kafka-format", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(configFile)) {
                brokerProperties.store(out, "tlsrpt embedded kafka (format only)");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String[] args = {"format", "--cluster-id", clusterId == null ? Uuid.randomUuid().toString() : clusterId, "--config", configFile.toString(),
                    "--ignore-formatted"};
            int status;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                status = StorageTool.execute(args, print);
            }
            if (status != 0 || !isFormatted(kafkaDir)) {
                throw new IOException("formatting Kafka storage in " + kafkaDir + " failed (status " + status + "): "
                        + output.toString(StandardCharsets.UTF_8));
            }
            return true;
        } finally {
            Files.deleteIfExists(configFile);
        }
    }
}
