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
 * Formats the KRaft log directory on first start. The cluster id is generated once and kept in
 * {@code meta.properties} inside the directory, so later starts find it there and skip formatting.
 */
final class StorageFormatter {

    private StorageFormatter() {
    }

    static boolean isFormatted(Path kafkaDir) {
        return Files.isRegularFile(kafkaDir.resolve("meta.properties"));
    }

    /** Formats {@code kafkaDir} unless it already is; returns true when it formatted. */
    static boolean formatIfNeeded(Path kafkaDir, Properties brokerProperties) throws IOException {
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
            String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
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
