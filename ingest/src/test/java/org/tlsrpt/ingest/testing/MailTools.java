package org.tlsrpt.ingest.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Makes sure Postfix, swaks and unbound are installed, with the same script CI's install step runs. Tests skip
 * (with the reason) only when the tools are missing and the build cannot install them because it is not root.
 */
public final class MailTools {

    private static final Path SCRIPT = Path.of("src/test/scripts/install-mail-tools.sh");
    private static volatile boolean checked;

    private MailTools() {
    }

    public static synchronized void ensureInstalled() {
        if (checked) {
            return;
        }
        if (!present()) {
            assumeTrue(isRoot(), "postfix, swaks or unbound is missing and this build is not root: run "
                    + SCRIPT + " as root to run the mail tests");
            Processes.run(Duration.ofMinutes(8), "bash", SCRIPT.toAbsolutePath().toString())
                    .requireSuccess("install-mail-tools.sh");
        }
        checked = true;
    }

    /** Postfix needs root to start (it drops privileges itself); the tests that drive it need it too. */
    public static void assumeRoot() {
        assumeTrue(isRoot(), "starting a throwaway Postfix needs root; this build runs as "
                + System.getProperty("user.name"));
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean present() {
        return Files.isExecutable(Path.of("/usr/sbin/postfix")) && Files.isExecutable(Path.of("/usr/bin/swaks"))
                && Files.isExecutable(Path.of("/usr/sbin/unbound"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
