package org.tlsrpt.ingest.smtp;

import java.time.Duration;
import java.util.List;

/**
 * An {@link SmtpConfig} for tests: a free port on the loopback address, otherwise the values the app's
 * {@code tlsrpt.ingest.smtp.*} settings default to; each test changes what it is about with the {@code with…}
 * methods.
 */
public final class TestSmtpConfig {

    private TestSmtpConfig() {
    }

    public static SmtpConfig loopback() {
        return new SmtpConfig("127.0.0.1", 0, null, null, List.of(), 20 * 1024 * 1024, 10, 100,
                Duration.ofSeconds(60));
    }
}
