package org.tlsrpt.ingest.imap;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;

/**
 * The IMAP channel: polls each configured mailbox on its own thread and hands every unseen message to a
 * {@link ReportIntake}. A message is moved to the processed folder once stored, to the invalid folder when it
 * is refused, and left unseen in place when the intake is unavailable, so that a message leaves the inbox only
 * after Kafka acknowledged it. Credentials are never logged.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} to stop (waits for messages being received).
 */
public final class ImapIntake implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ImapIntake.class.getName());
    private static final long JOIN_MILLIS = 30_000;

    /** The DKIM check used when none is given: not checked, so the intake sees a null verdict. */
    public static final Function<byte[], DkimVerdict> DKIM_NOT_CHECKED = raw -> null;

    private final ImapConfig config;
    private final List<MailboxPoller> pollers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private boolean started;
    private boolean closed;

    public ImapIntake(ReportIntake intake, ImapConfig config) {
        this(intake, config, DKIM_NOT_CHECKED);
    }

    public ImapIntake(ReportIntake intake, ImapConfig config, Function<byte[], DkimVerdict> dkimCheck) {
        this(intake, config, dkimCheck, IntakeMetrics.NONE);
    }

    /** @param metrics counts mail refused by its size before the intake sees it (the intake counts the rest) */
    public ImapIntake(ReportIntake intake, ImapConfig config, Function<byte[], DkimVerdict> dkimCheck,
            IntakeMetrics metrics) {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(dkimCheck, "dkimCheck");
        this.config = Objects.requireNonNull(config, "config");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imap-idle-renewal");
            thread.setDaemon(true);
            return thread;
        });
        for (MailboxConfig mailbox : config.mailboxes()) {
            pollers.add(new MailboxPoller(mailbox, config, intake, dkimCheck, timer, Clock.systemUTC(), metrics));
        }
    }

    /** Starts one polling thread per mailbox. Connection problems do not fail this; they are retried. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (started) {
            return;
        }
        started = true;
        for (MailboxPoller poller : pollers) {
            Thread thread = new Thread(poller, "imap-" + poller.mailbox().origin());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        LOG.log(Level.INFO, "IMAP intake polling {0} mailbox(es)", pollers.size());
    }

    /** Stops polling and disconnects; a message being received is finished (and moved) first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pollers.forEach(MailboxPoller::stop);
        long deadline = System.nanoTime() + JOIN_MILLIS * 1_000_000;
        for (int i = 0; i < threads.size(); i++) {
            Thread thread = threads.get(i);
            try {
                // Wake again while waiting: a poller may have been about to enter IDLE when first woken.
                while (thread.isAlive() && System.nanoTime() < deadline) {
                    pollers.get(i).stop();
                    thread.join(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.log(Level.WARNING, "{0} did not stop in time; interrupting it", thread.getName());
                thread.interrupt();
            }
        }
        timer.shutdownNow();
    }

    public ImapConfig config() {
        return config;
    }

    List<MailboxPoller> pollers() {
        return List.copyOf(pollers);
    }
}
