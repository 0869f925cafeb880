package org.tlsrpt.embedded.clickhouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class ClickHouseTestSupport {

    private ClickHouseTestSupport() {
    }

    /** Prints the end of the child's log, which is where chDB's own complaints go. */
    static void printLogTailOnFailure(Path dataDir) throws IOException {
        Path log = dataDir.resolve("logs").resolve("clickhouse.log");
        if (Files.exists(log) && Boolean.getBoolean("tlsrpt.test.printChildLog")) {
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
        }
    }
}
