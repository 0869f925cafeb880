package org.tlsrpt.checks.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the lab by hand, to try {@code tlsrpt check-domain} against it (docs/diagnosis.md shows such a run):
 * {@code java -cp … org.tlsrpt.checks.lab.LabMain DIR}, then use the printed settings; stops when stdin closes.
 */
public final class LabMain {

    private LabMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/lab"));
        try (Lab lab = Lab.start(dir)) {
            System.out.println("TLSRPT_CHECKS_RESOLVER=" + Lab.DNS + ":53");
            System.out.println("TLSRPT_CHECKS_TRUST_ANCHORS=" + lab.trustAnchors().toAbsolutePath());
            System.out.println("TLSRPT_CHECKS_TRUST_STORE=" + lab.caPem().toAbsolutePath());
            System.out.println("TLSRPT_CHECKS_ALLOW_PRIVATE_TARGETS=true");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until stdin closes
            }
        }
    }
}
