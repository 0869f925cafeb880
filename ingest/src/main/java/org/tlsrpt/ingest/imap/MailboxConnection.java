package org.tlsrpt.ingest.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * One logged-in IMAP connection to a mailbox: the polled folder open read-write, the processed and invalid
 * folders (created when missing), and what the server can do (IDLE, MOVE, UID EXPUNGE). Used by one thread,
 * except {@link #wake()}, which another thread may call to end an IDLE.
 */
final class MailboxConnection implements AutoCloseable {

    /** How messages leave the polled folder. */
    enum MoveMethod {
        /** RFC 6851 MOVE: atomic on the server. */
        MOVE,
        /** COPY, then \Deleted and EXPUNGE (by UID when the server has UIDPLUS, RFC 4315). */
        COPY_DELETE_EXPUNGE
    }

    private final MailboxConfig mailbox;
    private final IMAPStore store;
    private final IMAPFolder folder;
    private final Folder processed;
    private final Folder invalid;
    private final boolean idle;
    private final boolean uidExpunge;
    private MoveMethod moveMethod;

    private MailboxConnection(MailboxConfig mailbox, IMAPStore store, IMAPFolder folder, Folder processed,
            Folder invalid) throws MessagingException {
        this.mailbox = mailbox;
        this.store = store;
        this.folder = folder;
        this.processed = processed;
        this.invalid = invalid;
        this.idle = store.hasCapability("IDLE");
        this.uidExpunge = store.hasCapability("UIDPLUS");
        this.moveMethod = store.hasCapability("MOVE") ? MoveMethod.MOVE : MoveMethod.COPY_DELETE_EXPUNGE;
    }

    static MailboxConnection open(MailboxConfig mailbox, ImapConfig config) throws MessagingException, IOException {
        Session session = Session.getInstance(SessionProperties.of(mailbox, config));
        Store store = session.getStore(mailbox.tls().protocol());
        store.connect(mailbox.host(), mailbox.port(), mailbox.user(), mailbox.resolvePassword());
        try {
            IMAPStore imap = (IMAPStore) store;
            IMAPFolder folder = (IMAPFolder) imap.getFolder(mailbox.folder());
            Folder processed = existing(imap, mailbox.processedFolder());
            Folder invalid = existing(imap, mailbox.invalidFolder());
            folder.open(Folder.READ_WRITE);
            return new MailboxConnection(mailbox, imap, folder, processed, invalid);
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    /** The folder, created when missing (another poller may create it at the same time). */
    private static Folder existing(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES) && !folder.exists()) {
            throw new MessagingException("cannot create folder " + name);
        }
        return folder;
    }

    IMAPFolder folder() {
        return folder;
    }

    Folder target(Disposition disposition) {
        return switch (disposition) {
            case PROCESSED -> processed;
            case INVALID -> invalid;
            case RETRY -> throw new IllegalArgumentException("a message to retry stays where it is");
        };
    }

    boolean supportsIdle() {
        return idle;
    }

    MoveMethod moveMethod() {
        return moveMethod;
    }

    /** For tests: exercise the fallback against a server that has MOVE. */
    void useMoveMethod(MoveMethod method) {
        this.moveMethod = method;
    }

    boolean isOpen() {
        return store.isConnected() && folder.isOpen();
    }

    /** Moves the messages out of the polled folder into {@code target}. */
    void move(List<Message> messages, Folder target) throws MessagingException {
        if (messages.isEmpty()) {
            return;
        }
        Message[] batch = messages.toArray(Message[]::new);
        if (moveMethod == MoveMethod.MOVE) {
            folder.moveMessages(batch, target);
            return;
        }
        folder.copyMessages(batch, target);
        folder.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        if (uidExpunge) {
            folder.expunge(batch);
        } else {
            // Without UIDPLUS, EXPUNGE also removes other messages someone flagged \Deleted: as they asked.
            folder.expunge();
        }
    }

    /** Waits in IDLE until the server reports a change or {@link #wake()} is called. */
    void idle() throws MessagingException {
        folder.idle(true);
    }

    /** Ends a running IDLE (any folder command does); harmless when none runs. Called from another thread. */
    void wake() {
        try {
            folder.doCommand(protocol -> null);
        } catch (MessagingException | RuntimeException e) {
            // The connection is going away anyway; the poller thread sees why.
        }
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing the store below is what matters
        }
        closeQuietly(store);
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return mailbox.origin() + "/" + mailbox.folder();
    }
}
