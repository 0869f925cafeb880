package org.tlsrpt.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * What the mains that run as a child of another JVM share (the chDB server, a Kafka node, the benchmark's broker):
 * {@code --name=value} arguments, and stopping when the parent is gone, which closes their standard input.
 */
public final class ChildProcess {

    private ChildProcess() {
    }

    /** Blocks until standard input ends: the parent closed it, or died. The parent writes nothing. */
    public static void awaitParentExit() {
        InputStream in = System.in;
        try {
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // only end of input matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, too
        }
    }

    /** {@code --name=value} arguments by name. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    public static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return value;
    }
}
