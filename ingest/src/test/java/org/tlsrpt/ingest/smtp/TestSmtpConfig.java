package org.tlsrpt.ingest.smtp;

import java.time.Duration;
import java.util.List;

/**
 * Builds an {@link SmtpConfig} for tests: a free port on the loopback address, otherwise the values the app's
 * {@code tlsrpt.ingest.smtp.*} settings default to; each test sets what it is about.
 */
public final class TestSmtpConfig {

    private String bindHost = "127.0.0.1";
    private int port;
    private String hostName;
    private SmtpConfig.Tls tls;
    private List<String> recipients = List.of();
    private int maxMessageSize = 20 * 1024 * 1024;
    private int maxRecipients = 10;
    private int maxConnections = 100;
    private Duration idleTimeout = Duration.ofSeconds(60);

    private TestSmtpConfig() {
    }

    public static TestSmtpConfig loopback() {
        return new TestSmtpConfig();
    }

    public TestSmtpConfig bind(String host, int newPort) {
        this.bindHost = host;
        this.port = newPort;
        return this;
    }

    public TestSmtpConfig hostName(String name) {
        this.hostName = name;
        return this;
    }

    public TestSmtpConfig tls(SmtpConfig.Tls certificateAndKey) {
        this.tls = certificateAndKey;
        return this;
    }

    public TestSmtpConfig recipients(List<String> accepted) {
        this.recipients = accepted;
        return this;
    }

    public TestSmtpConfig maxMessageSize(int bytes) {
        this.maxMessageSize = bytes;
        return this;
    }

    public TestSmtpConfig maxRecipients(int count) {
        this.maxRecipients = count;
        return this;
    }

    public TestSmtpConfig maxConnections(int count) {
        this.maxConnections = count;
        return this;
    }

    public TestSmtpConfig idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /** The record, checked as the app's configuration is. */
    public SmtpConfig build() {
        return new SmtpConfig(bindHost, port, hostName, tls, recipients, maxMessageSize, maxRecipients,
                maxConnections, idleTimeout);
    }
}
