package org.tlsrpt.ingest.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The test's own view of a mailbox, through a separate plain IMAP connection: deliver and look. */
public final class TestMailbox {

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public TestMailbox(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** A message as seen in a folder. */
    public record Seen(String messageId, boolean seen) {
    }

    public void append(String folderName, byte[] raw) {
        withStore(store -> {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            Session session = Session.getInstance(new Properties());
            folder.appendMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream(raw))});
            return null;
        });
    }

    /** The messages in a folder (empty when it does not exist), without changing their flags. */
    public List<Seen> list(String folderName) {
        return withStore(store -> {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            try {
                List<Seen> messages = new ArrayList<>();
                for (Message message : folder.getMessages()) {
                    String[] ids = message.getHeader("Message-ID");
                    messages.add(new Seen(ids == null ? null : ids[0].replaceAll("[<>]", ""),
                            message.isSet(Flags.Flag.SEEN)));
                }
                return messages;
            } finally {
                folder.close(false);
            }
        });
    }

    public List<String> ids(String folderName) {
        return list(folderName).stream().map(Seen::messageId).toList();
    }

    public boolean exists(String folderName) {
        return withStore(store -> store.getFolder(folderName).exists());
    }

    interface StoreAction<T> {
        T apply(Store store) throws MessagingException;
    }

    private <T> T withStore(StoreAction<T> action) {
        Properties props = new Properties();
        props.setProperty("mail.imap.peek", "true");
        props.setProperty("mail.imap.connectiontimeout", "10000");
        props.setProperty("mail.imap.timeout", "30000");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect(host, port, user, password);
            try {
                return action.apply(store);
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("test mailbox " + user + "@" + host + ":" + port + ": " + e, e);
        }
    }
}
