package org.tlsrpt.embedded.clickhouse;

import com.sun.jna.Native;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the chDB child JVM: the same Java, a small heap, JVM signal chaining preloaded, and a class path of just
 * this module and JNA. Its output goes to {@code <dataDir>/logs/clickhouse.log}; its standard input stays open
 * as a lifeline (the child exits when it closes).
 */
final class ChildLauncher {

    private final EmbeddedClickHouseConfig config;
    private final int port;
    private final Path javaHome = Path.of(System.getProperty("java.home"));

    ChildLauncher(EmbeddedClickHouseConfig config, int port) {
        this.config = config;
        this.port = port;
    }

    Path logFile() {
        return config.dataDir().resolve("logs").resolve("clickhouse.log");
    }

    Process launch() throws IOException {
        Path jsig = javaHome.resolve("lib").resolve("libjsig.so");
        if (!Files.isRegularFile(jsig)) {
            throw new EmbeddedClickHouseException("this JVM has no " + jsig + "; chDB needs JVM signal chaining", null);
        }
        Files.createDirectories(logFile().getParent());
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.add("-Xmx" + config.childMaxHeap());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xss1m");
        command.add("-Djava.awt.headless=true");
        // Without TCP_NODELAY the JDK server's response (headers, then body, in separate writes) waits on the client's
        // delayed ACK: about 40 ms added to every query and insert, whatever its size.
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.add("-cp");
        command.add(classPath());
        command.add(ChdbServerMain.class.getName());
        command.add("--library=" + config.chdbLibrary().toAbsolutePath());
        command.add("--data-dir=" + config.dataDir().toAbsolutePath());
        command.add("--port=" + port);
        command.add("--connections=" + config.connections());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.put("LD_PRELOAD", jsig.toString());
        env.put(ChdbServerMain.USER_ENV, config.user());
        env.put(ChdbServerMain.PASSWORD_ENV, config.password());
        return builder.start();
    }

    /** The jars (or class directories) holding this module and JNA; falls back to the whole class path. */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(ChdbServerMain.class, Native.class)) {
            try {
                var source = type.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    return System.getProperty("java.class.path");
                }
                entries.add(Path.of(source.getLocation().toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return System.getProperty("java.class.path");
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
