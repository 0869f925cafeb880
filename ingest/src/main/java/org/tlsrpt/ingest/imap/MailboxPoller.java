package org.tlsrpt.ingest.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SearchTerm;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.IntakeRefusal;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;

/**
 * Polls one mailbox: hands each unseen message to the intake, then moves it to the processed or invalid folder,
 * or leaves it untouched when the intake could not store it. A message leaves the polled folder only after
 * {@link ReportIntake#receive} returned. {@link #run()} loops (IDLE or timed polls, reconnecting with backoff)
 * until {@link #stop()}.
 */
final class MailboxPoller implements Runnable {

    private static final System.Logger LOG = System.getLogger(MailboxPoller.class.getName());

    private static final SearchTerm UNSEEN = new AndTerm(
            new FlagTerm(new Flags(Flags.Flag.SEEN), false),
            new FlagTerm(new Flags(Flags.Flag.DELETED), false));

    private final MailboxConfig mailbox;
    private final ImapConfig config;
    private final ReportIntake intake;
    private final Function<byte[], DkimVerdict> dkimCheck;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Backoff backoff;
    private final Object pause = new Object();
    private volatile boolean stopped;
    private volatile MailboxConnection connection;
    private int lastSeenCount;
    private final IntakeMetrics metrics;

    MailboxPoller(MailboxConfig mailbox, ImapConfig config, ReportIntake intake,
            Function<byte[], DkimVerdict> dkimCheck, ScheduledExecutorService timer, Clock clock) {
        this(mailbox, config, intake, dkimCheck, timer, clock, IntakeMetrics.NONE);
    }

    /** @param metrics counts mail refused here for its size, which the intake never sees */
    MailboxPoller(MailboxConfig mailbox, ImapConfig config, ReportIntake intake,
            Function<byte[], DkimVerdict> dkimCheck, ScheduledExecutorService timer, Clock clock,
            IntakeMetrics metrics) {
        this.metrics = metrics;
        this.mailbox = mailbox;
        this.config = config;
        this.intake = intake;
        this.dkimCheck = dkimCheck;
        this.timer = timer;
        this.clock = clock;
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax());
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                PollSummary summary = pollOnce();
                if (summary.intakeUnavailable()) {
                    Duration wait = backoff.next();
                    LOG.log(Level.WARNING, "{0}: intake unavailable, {1} message(s) left in {2}; retrying in {3}",
                            mailbox.origin(), summary.leftBehind(), mailbox.folder(), wait);
                    pause(wait);
                } else {
                    backoff.reset();
                    awaitNewMail();
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                if (stopped) {
                    break;
                }
                Duration wait = backoff.next();
                LOG.log(Level.WARNING, "{0}: {1}; reconnecting in {2}", mailbox.origin(), e, wait);
                disconnect();
                pause(wait);
            }
        }
        disconnect();
    }

    /** Ends {@link #run()}: wakes it from IDLE or a pause; a message being received is finished first. */
    void stop() {
        stopped = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        MailboxConnection current = connection;
        if (current != null) {
            current.wake();
        }
    }

    /** Handles every unseen message now in the folder, batch by batch; connects first when needed. */
    PollSummary pollOnce() throws MessagingException, IOException {
        MailboxConnection c = connect();
        IMAPFolder folder = c.folder();
        long uidValidity = folder.getUIDValidity();
        Set<Long> leftBehind = new HashSet<>();
        int batches = 0;
        int processed = 0;
        int invalid = 0;
        boolean unavailable = false;
        while (!unavailable && !stopped) {
            List<Message> batch = nextBatch(folder, leftBehind);
            if (batch.isEmpty()) {
                break;
            }
            batches++;
            Map<Disposition, List<Message>> moves = new LinkedHashMap<>();
            for (Message message : batch) {
                if (unavailable) {
                    leftBehind.add(folder.getUID(message));
                    continue;
                }
                Outcome outcome = handle(folder, message, uidValidity);
                if (outcome == Outcome.GONE) {
                    continue;
                }
                if (outcome.disposition == Disposition.RETRY) {
                    leftBehind.add(folder.getUID(message));
                    unavailable = outcome == Outcome.UNAVAILABLE;
                } else {
                    moves.computeIfAbsent(outcome.disposition, d -> new ArrayList<>()).add(message);
                }
            }
            for (Map.Entry<Disposition, List<Message>> move : moves.entrySet()) {
                c.move(move.getValue(), c.target(move.getKey()));
            }
            processed += moves.getOrDefault(Disposition.PROCESSED, List.of()).size();
            invalid += moves.getOrDefault(Disposition.INVALID, List.of()).size();
        }
        lastSeenCount = folder.getMessageCount();
        PollSummary summary = new PollSummary(batches, processed, invalid, leftBehind.size(), unavailable);
        if (!summary.isEmpty()) {
            LOG.log(Level.INFO, "{0}/{1}: {2} processed, {3} invalid, {4} left to retry", mailbox.origin(),
                    mailbox.folder(), processed, invalid, leftBehind.size());
        }
        return summary;
    }

    /** Up to a batch of unseen messages not already left behind in this poll, with what handling them needs. */
    private List<Message> nextBatch(IMAPFolder folder, Set<Long> leftBehind) throws MessagingException {
        Message[] unseen = folder.search(UNSEEN);
        if (unseen.length == 0) {
            return List.of();
        }
        if (!leftBehind.isEmpty()) {
            FetchProfile uids = new FetchProfile();
            uids.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(unseen, uids);
        }
        List<Message> batch = new ArrayList<>(Math.min(unseen.length, config.batchSize()));
        for (Message message : unseen) {
            if (batch.size() == config.batchSize()) {
                break;
            }
            if (leftBehind.isEmpty() || !leftBehind.contains(folder.getUID(message))) {
                batch.add(message);
            }
        }
        FetchProfile details = new FetchProfile();
        details.add(UIDFolder.FetchProfileItem.UID);
        details.add(FetchProfile.Item.ENVELOPE);
        details.add(FetchProfile.Item.SIZE);
        folder.fetch(batch.toArray(Message[]::new), details);
        return batch;
    }

    private enum Outcome {
        STORED(Disposition.PROCESSED),
        REFUSED(Disposition.INVALID),
        TOO_LARGE(Disposition.INVALID),
        UNAVAILABLE(Disposition.RETRY),
        FAILED(Disposition.RETRY),
        GONE(Disposition.RETRY);

        final Disposition disposition;

        Outcome(Disposition disposition) {
            this.disposition = disposition;
        }
    }

    private Outcome handle(IMAPFolder folder, Message message, long uidValidity) throws MessagingException {
        long uid = folder.getUID(message);
        try {
            long size = ((IMAPMessage) message).getSizeLong();
            if (size > config.maxMessageBytes()) {
                LOG.log(Level.WARNING, "{0}/{1} uid {2}: {3} bytes, over the limit of {4}; moved to {5} unread",
                        mailbox.origin(), mailbox.folder(), uid, size, config.maxMessageBytes(),
                        mailbox.invalidFolder());
                metrics.refused(Channel.IMAP, IntakeRefusal.TOO_LARGE);
                return Outcome.TOO_LARGE;
            }
            BoundedBytes raw = new BoundedBytes(config.maxMessageBytes());
            try {
                message.writeTo(raw);
            } catch (BoundedBytes.TooLarge e) {
                LOG.log(Level.WARNING, "{0}/{1} uid {2}: {3}; moved to {4}", mailbox.origin(), mailbox.folder(),
                        uid, e.getMessage(), mailbox.invalidFolder());
                metrics.refused(Channel.IMAP, IntakeRefusal.TOO_LARGE);
                return Outcome.TOO_LARGE;
            } catch (IOException e) {
                throw new MessagingException("cannot read uid " + uid + ": " + e, e);
            }
            return receive(raw.toByteArray(), coordinates(uid, uidValidity, message));
        } catch (MessageRemovedException e) {
            return Outcome.GONE;
        }
    }

    private Outcome receive(byte[] raw, Map<String, String> coordinates) {
        IntakeResult result;
        try {
            DkimVerdict dkim = dkimCheck.apply(raw);
            result = intake.receive(new Intake(Channel.IMAP, raw, null, null, clock.instant(), mailbox.origin(),
                    coordinates, dkim));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "{0}/{1} uid {2}: intake failed, left in place to retry: {3}",
                    mailbox.origin(), mailbox.folder(), coordinates.get("uid"), e);
            return Outcome.FAILED;
        }
        Disposition disposition = Disposition.of(result);
        LOG.log(Level.DEBUG, "{0}/{1} uid {2}: {3}", mailbox.origin(), mailbox.folder(), coordinates.get("uid"),
                result);
        return switch (disposition) {
            case PROCESSED -> Outcome.STORED;
            case INVALID -> Outcome.REFUSED;
            case RETRY -> Outcome.UNAVAILABLE;
        };
    }

    private Map<String, String> coordinates(long uid, long uidValidity, Message message) throws MessagingException {
        Map<String, String> coordinates = new LinkedHashMap<>();
        coordinates.put("mailbox", mailbox.origin());
        coordinates.put("folder", mailbox.folder());
        coordinates.put("uid", Long.toString(uid));
        coordinates.put("uidvalidity", Long.toString(uidValidity));
        String messageId = ((IMAPMessage) message).getMessageID();
        if (messageId != null) {
            coordinates.put("message-id", messageId);
        }
        return coordinates;
    }

    private MailboxConnection connect() throws MessagingException, IOException {
        MailboxConnection current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        disconnect();
        current = MailboxConnection.open(mailbox, config);
        connection = current;
        LOG.log(Level.INFO, "{0}: connected ({1}, {2}, IDLE {3})", mailbox.origin(), mailbox.tls(),
                current.moveMethod(), current.supportsIdle() ? "on" : "off");
        return current;
    }

    /** Waits for new mail: IDLE, renewed every poll interval, where offered; else one poll interval. */
    private void awaitNewMail() throws MessagingException {
        MailboxConnection c = connection;
        if (!config.idle() || c == null || !c.supportsIdle()) {
            pause(config.pollInterval());
            return;
        }
        if (c.folder().getMessageCount() != lastSeenCount) {
            return; // mail arrived since the last search: no need to wait
        }
        ScheduledFuture<?> renew = timer.schedule(c::wake, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (!stopped) {
                LOG.log(Level.DEBUG, "{0}/{1}: waiting in IDLE", mailbox.origin(), mailbox.folder());
                c.idle();
            }
        } finally {
            renew.cancel(false);
        }
    }

    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (pause) {
            long left;
            while (!stopped && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pause, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
    }

    private void disconnect() {
        MailboxConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }

    MailboxConfig mailbox() {
        return mailbox;
    }
}
