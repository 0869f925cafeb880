package org.tlsrpt.ingest.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real mails from core's test fixtures, ready to APPEND: mbox "From " lines dropped, unique Message-IDs. */
final class TestMails {

    private TestMails() {
    }

    /** Google's TLS report mail (multipart with a gzip attachment), with its own Message-ID. */
    static byte[] report(String messageId) {
        return withMessageId(fixture("google-multipart-report.eml"), messageId);
    }

    /** A cron mail: no report in it. */
    static byte[] notAReport(String messageId) {
        return withMessageId(fixture("cron-not-a-report.eml"), messageId);
    }

    static byte[] fixture(String name) {
        try (InputStream in = TestMails.class.getResourceAsStream("/mail/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name + " (from tlsrpt-core's test jar)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (text.startsWith("From ")) {
                text = text.substring(text.indexOf('\n') + 1);
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withMessageId(byte[] mail, String messageId) {
        String text = new String(mail, StandardCharsets.ISO_8859_1)
                .replaceFirst("(?im)^Message-ID:[^\\n]*\\n", "");
        return ("Message-ID: <" + messageId + ">\r\n" + text).getBytes(StandardCharsets.ISO_8859_1);
    }
}
