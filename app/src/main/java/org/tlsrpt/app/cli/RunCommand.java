package org.tlsrpt.app.cli;

import io.quarkus.runtime.Quarkus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tlsrpt.app.RunApplication;
import org.tlsrpt.embedded.GlibcMalloc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tlsrpt run}: the one command that starts Quarkus, with the roles the configuration names. Its options
 * become configuration (system properties) before Quarkus reads it.
 */
@Command(name = "run",
        description = {"Start the configured roles (default: all, with embedded Kafka and ClickHouse).",
                "Runs until stopped; the roles come from tlsrpt.roles (TLSRPT_ROLES)."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded Kafka and ClickHouse and the secrets live (tlsrpt.data-dir).")
    Path dataDir;

    @Option(names = "--demo", description = "Once the roles are up, feed 90 days of made-up reports (as `tlsrpt "
            + "demo` does), so the dashboard shows something at once.")
    boolean demo;

    @Mixin
    ListRolesOption listRoles;

    private final Streams streams;

    RunCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        if (listRoles.listed(streams.out())) {
            return 0;
        }
        if (dataDir != null) {
            System.setProperty("tlsrpt.data-dir", dataDir.toString());
        }
        GlibcMalloc.keepFreedMemory(); // Kafka's per-batch zstd contexts; see its comment
        Quarkus.run(RunApplication.class, demo ? new String[] {RunApplication.DEMO} : new String[0]);
        return 0;
    }
}
