package org.tlsrpt.ingest.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.dkim.DkimVerifier;

/**
 * The SMTP channel (RFC 8460 §5.3): an SMTP server (SubEthaSMTP) that takes reports mailed to the configured
 * recipients and answers after DATA with what the {@link ReportIntake} made of them: 250 once durable, 451 when
 * not, 552 too large, 550 not a report or refused. Every message carries its DKIM verdict to the intake.
 *
 * <p>Lifecycle: build, {@link #start()}, {@link #close()}. Not restartable.
 */
public final class SmtpIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpIntake.class);

    private final SmtpConfig config;
    private final SMTPServer server;

    public SmtpIntake(ReportIntake intake, SmtpConfig config, DkimVerifier dkim) {
        this(intake, config, dkim, IntakeMetrics.NONE);
    }

    /** @param metrics counts what the server refuses before the intake sees it (DATA over the size limit) */
    public SmtpIntake(ReportIntake intake, SmtpConfig config, DkimVerifier dkim, IntakeMetrics metrics) {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(metrics, "metrics");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dkim, "dkim");
        RecipientFilter recipients = new RecipientFilter(config.recipients());
        // Past the limit, read on (discarding) for as much again so that the client hears 552 at its end of data;
        // a client sending more than that is dropped.
        MessageReader reader = new MessageReader(config.maxMessageSize(), config.maxMessageSize());
        QueueIds queueIds = new QueueIds();
        Clock clock = Clock.systemUTC();
        SMTPServer.Builder builder = SMTPServer.port(config.port())
                .bindAddress(bindAddress(config.bindHost()))
                .softwareName("tlsrpt")
                .messageHandlerFactory(context -> new ReportMessageHandler(context, intake, dkim, recipients, reader,
                        queueIds, clock, metrics))
                .insertReceivedHeaders(false) // the intake stores the bytes exactly as the sender wrote them
                .maxMessageSize(config.maxMessageSize())
                .maxRecipients(config.maxRecipients())
                .maxConnections(config.maxConnections())
                .connectionTimeoutMs((int) config.idleTimeout().toMillis());
        if (config.hostName() != null) {
            builder.hostName(config.hostName());
        }
        if (config.tls() != null) {
            builder.enableTLS(true).startTlsSocketFactory(PemTls.serverContext(config.tls()));
        }
        this.server = builder.build();
    }

    /** Binds the port and starts accepting connections. */
    public void start() {
        server.start();
        LOG.info("SMTP intake listening on {}:{}{}", config.bindHost(), port(),
                config.tls() == null ? "" : " with STARTTLS");
    }

    /** The port actually bound: the configured one, or the free port chosen when 0 was configured. */
    public int port() {
        int allocated = server.getPortAllocated();
        return allocated > 0 ? allocated : config.port();
    }

    public SmtpConfig config() {
        return config;
    }

    /** Stops accepting, closes open sessions and waits for them to end. */
    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }

    private static InetAddress bindAddress(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("SMTP bind host is unknown: " + host, e);
        }
    }
}
