package org.tlsrpt.app.checks;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tlsrpt.checks.lab.Lab;

/**
 * The checks' lab (real NSD, SMTP and HTTPS servers on 127.0.0.2 and up) for the application under test, with the
 * scheduled checks of two lab domains every second tick.
 */
public class LabResource implements QuarkusTestResourceLifecycleManager {

    private Lab lab;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("tlsrpt-lab");
            lab = Lab.start(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "tlsrpt.checks.resolver", Lab.DNS + ":53",
                "tlsrpt.checks.trust-anchors", lab.trustAnchors().toString(),
                "tlsrpt.checks.trust-store", lab.caPem().toString(),
                "tlsrpt.checks.allow-private-targets", "true",
                "tlsrpt.checks.scheduled", "true",
                "tlsrpt.checks.domains", "good.lab,expired.lab",
                "tlsrpt.checks.tick", "1s",
                "tlsrpt.checks.run-now-spacing", "1h");
    }

    @Override
    public void stop() {
        if (lab != null) {
            lab.close();
        }
    }
}
